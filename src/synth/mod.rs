//! Deterministic synthetic extracts for development, tests and demonstrations: a population with duplicate
//! nominal records, ordinary crime and intelligence, and planted county lines and child sexual exploitation
//! networks, written in the extract's CSV layout together with the truth (`truth/`) that evaluation needs.
//!
//! Everything is derived from `(size, seed)` through independent ChaCha streams, one per table and chunk, so the
//! same configuration writes byte-identical files whatever the number of threads. Events are generated in
//! fixed-size chunks in parallel, each rendered into its own buffers and written in chunk order.
//!
//! The narratives imitate how officers actually write (jargon, plain description, blandness, typos, capitals)
//! from public knowledge of UK policing; they are deliberately not fitted to any term list.
//!
//! Files written (all CSV with a header, rows in id order, mode 0600):
//! - `events.csv`, `nominals.csv`, `links.csv`, `markers.csv`, `ocg.csv`, `objects.csv`: the extract.
//! - `truth/events.csv`: `sexual_exploitation`, `criminal_exploitation` or `none` for every event, by what the
//!   event really is, whatever words its narrative uses.
//! - `truth/people.csv`: for every nominal record, the person behind it (`person_key`, shared by duplicate
//!   records), their network (`network_key`, e.g. `NET-0007`, empty if none) and role in it. `workforce` means
//!   the people a network exploits: children running lines, cuckooed adults, sexually exploited children.
//!   Parents and carers who report children missing have no network.
//! - `synth.json`: marks the directory as synthetic, with size, seed and row counts.

mod boiler;
mod lexicon;
mod model;
mod network;
mod noise;
mod ordinary;
mod people;
mod text;
mod util;
mod world;

#[cfg(test)]
mod tests;

use model::{Event, Label};
use rayon::prelude::*;
use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// How large an extract to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// ~300 events, ~200 nominals, two networks: for snapshot tests.
    Tiny,
    /// ~20,000 events, ~4,500 nominals, ~25 networks.
    Small,
    /// ~2,000,000 events, ~400,000 nominals, ~1,500 networks: a force's worth, about 1 GB.
    Force,
}

impl Size {
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Tiny => "tiny",
            Size::Small => "small",
            Size::Force => "force",
        }
    }
}

impl std::str::FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tiny" => Ok(Size::Tiny),
            "small" => Ok(Size::Small),
            "force" => Ok(Size::Force),
            other => Err(format!(
                "unknown size `{other}`: expected tiny, small or force"
            )),
        }
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SynthConfig {
    pub size: Size,
    pub seed: u64,
}

/// Row counts of what was written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SynthSummary {
    pub events: usize,
    pub nominals: usize,
    pub links: usize,
    pub markers: usize,
    pub ocg: usize,
    pub objects: usize,
    /// Events labelled as exploitation (sexual or criminal) in `truth/events.csv`.
    pub oe_events: usize,
    /// Distinct people behind the nominal records.
    pub persons: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("cannot create directory `{path}`: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot encode a row of `{path}`: {source}")]
    Encode { path: String, source: csv::Error },
    #[error("cannot encode `{path}`: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
}

/// Ordinary events per parallel chunk: large enough to amortise scheduling, small enough to balance two cores.
const EVENT_CHUNK: usize = 8192;
/// Chunks generated before their output is written, bounding memory at force size.
const BATCH: usize = 16;

/// Writes the extract (CSV tables and `truth/`) into `dir`, creating it. The same config gives byte-identical
/// files.
pub fn write_extract(config: &SynthConfig, dir: &Path) -> Result<SynthSummary, SynthError> {
    make_dir(dir)?;
    make_dir(&dir.join("truth"))?;

    let world = world::build(config.seed, config.size);
    let planted = network::events(&world, config.seed);
    let oe_events = planted.iter().filter(|e| e.label != Label::None).count();

    let mut events_out = Table::create(
        dir,
        "events.csv",
        &[
            "event_id",
            "source",
            "force",
            "occurred_on",
            "offence",
            "text",
        ],
    )?;
    let mut links_out = Table::create(dir, "links.csv", &["event_id", "nominal_id", "role"])?;
    let mut objects_out = Table::create(
        dir,
        "objects.csv",
        &["object_id", "kind", "identifier", "event_id"],
    )?;
    let mut truth_out = Table::create(dir, "truth/events.csv", &["event_id", "label"])?;

    // Chunks cover consecutive slices of the calendar, so event ids rise with dates as crime numbers do, and
    // each planted event joins the chunk whose slice contains its date.
    let first = util::first_day();
    let span = (util::last_day() - first + 1) as usize;
    let ordinary_total = world.scale.events.saturating_sub(planted.len());
    let chunks = ordinary_total.div_ceil(EVENT_CHUNK).max(1);
    let mut planted_by_chunk: Vec<Vec<Event>> = (0..chunks).map(|_| Vec::new()).collect();
    for ev in planted {
        let c = ((ev.day - first).max(0) as usize * chunks / span).min(chunks - 1);
        if let Some(v) = planted_by_chunk.get_mut(c) {
            v.push(ev);
        }
    }
    let mut jobs: Vec<Job> = Vec::with_capacity(chunks);
    let mut next_event = 1usize;
    for (c, planted) in planted_by_chunk.into_iter().enumerate() {
        let ordinary = EVENT_CHUNK.min(ordinary_total.saturating_sub(c * EVENT_CHUNK));
        let lo = first + (c * span / chunks) as i32;
        let hi = first + ((c + 1) * span / chunks) as i32;
        jobs.push(Job {
            chunk: c,
            ordinary,
            planted,
            lo,
            hi,
            first_event: next_event,
        });
        next_event += ordinary + jobs.last().map_or(0, |j| j.planted.len());
    }

    let mut links = 0usize;
    let mut objects = 0usize;
    let mut events = 0usize;
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        let batch: Vec<Job> = jobs.by_ref().take(BATCH).collect();
        let rendered: Vec<Rendered> = batch
            .into_par_iter()
            .map(|job| render_chunk(&world, config.seed, job))
            .collect::<Result<_, _>>()?;
        for r in rendered {
            events += r.events;
            links += r.links;
            events_out.put(&r.event_rows)?;
            links_out.put(&r.link_rows)?;
            truth_out.put(&r.truth_rows)?;
            let mut w = row_writer(Vec::with_capacity(r.objects.len() * 48));
            for (event, kind, identifier) in &r.objects {
                objects += 1;
                let id = format!("O{objects:07}");
                let ev = format!("E{event:07}");
                w.write_record([id.as_str(), kind.as_str(), identifier.as_str(), ev.as_str()])
                    .map_err(|e| encode("objects.csv", e))?;
            }
            objects_out.put(&finish(w, "objects.csv")?)?;
        }
    }
    events_out.close()?;
    links_out.close()?;
    objects_out.close()?;
    truth_out.close()?;

    write_people(dir, &world)?;

    let summary = SynthSummary {
        events,
        nominals: world.records.len(),
        links,
        markers: world.markers.len(),
        ocg: world.ocg.len(),
        objects,
        oe_events,
        persons: world.persons.len(),
    };
    write_manifest(dir, config, &summary)?;
    Ok(summary)
}

struct Job {
    chunk: usize,
    ordinary: usize,
    planted: Vec<Event>,
    lo: util::Day,
    hi: util::Day,
    first_event: usize,
}

struct Rendered {
    events: usize,
    links: usize,
    event_rows: Vec<u8>,
    link_rows: Vec<u8>,
    truth_rows: Vec<u8>,
    /// (event number, kind, identifier); numbered when written, as only then is the running count known.
    objects: Vec<(usize, model::ObjKind, String)>,
}

fn render_chunk(world: &world::World, seed: u64, job: Job) -> Result<Rendered, SynthError> {
    use rand::Rng;
    let mut rng = util::stream(seed, util::tag::EVENTS, job.chunk as u64);
    // About one ordinary event in forty carries a decoy phrase; at least one per chunk so every extract has some.
    let n_decoys = if job.ordinary == 0 {
        0
    } else {
        (job.ordinary / 40).max(1)
    };
    let mut decoy = vec![false; job.ordinary];
    for _ in 0..n_decoys {
        if let Some(d) = decoy.get_mut(rng.gen_range(0..job.ordinary)) {
            *d = true;
        }
    }
    let mut evs: Vec<Event> = Vec::with_capacity(job.ordinary + job.planted.len());
    for d in decoy {
        let day = rng.gen_range(job.lo..job.hi.max(job.lo + 1));
        evs.push(ordinary::event(world, &mut rng, day, d));
    }
    evs.extend(job.planted);
    evs.sort_by_key(|e| e.day);

    let text_bytes: usize = evs.iter().map(|e| e.text.len() + 64).sum();
    let mut ew = row_writer(Vec::with_capacity(text_bytes + text_bytes / 16));
    let mut lw = row_writer(Vec::with_capacity(evs.len() * 64));
    let mut tw = row_writer(Vec::with_capacity(evs.len() * 32));
    let mut objects = Vec::new();
    let mut links = 0usize;
    for (i, e) in evs.iter().enumerate() {
        let n = job.first_event + i;
        let id = format!("E{n:07}");
        let day = util::iso(e.day);
        let force = lexicon::FORCES.get(e.force).copied().unwrap_or("");
        ew.write_record([
            id.as_str(),
            e.source.as_str(),
            force,
            day.as_str(),
            e.offence,
            e.text.as_str(),
        ])
        .map_err(|err| encode("events.csv", err))?;
        for (rec, role) in &e.links {
            let nid = format!("N{:07}", rec + 1);
            lw.write_record([id.as_str(), nid.as_str(), role.as_str()])
                .map_err(|err| encode("links.csv", err))?;
            links += 1;
        }
        tw.write_record([id.as_str(), e.label.as_str()])
            .map_err(|err| encode("truth/events.csv", err))?;
        for (kind, ident) in &e.objects {
            objects.push((n, *kind, ident.clone()));
        }
    }
    Ok(Rendered {
        events: evs.len(),
        links,
        event_rows: finish(ew, "events.csv")?,
        link_rows: finish(lw, "links.csv")?,
        truth_rows: finish(tw, "truth/events.csv")?,
        objects,
    })
}

fn write_people(dir: &Path, world: &world::World) -> Result<(), SynthError> {
    let mut nominals = Table::create(
        dir,
        "nominals.csv",
        &[
            "nominal_id",
            "forename",
            "surname",
            "dob",
            "sex",
            "ethnicity",
            "postcode",
            "force",
            "pnc_id",
            "address",
        ],
    )?;
    let mut truth = Table::create(
        dir,
        "truth/people.csv",
        &["nominal_id", "person_key", "network_key", "role"],
    )?;
    for part in world
        .records
        .chunks(65_536)
        .enumerate()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|(k, recs)| {
            let base = k * 65_536;
            let mut nw = row_writer(Vec::with_capacity(recs.len() * 128));
            let mut tw = row_writer(Vec::with_capacity(recs.len() * 40));
            for (i, r) in recs.iter().enumerate() {
                let id = format!("N{:07}", base + i + 1);
                let dob = r.dob.map(util::iso).unwrap_or_default();
                let force = lexicon::FORCES.get(r.force).copied().unwrap_or("");
                nw.write_record([
                    id.as_str(),
                    r.forename.as_str(),
                    r.surname.as_str(),
                    dob.as_str(),
                    r.sex.code(),
                    r.ethnicity,
                    r.postcode.as_str(),
                    force,
                    r.pnc.as_str(),
                    r.address.as_str(),
                ])
                .map_err(|e| encode("nominals.csv", e))?;
                let person = world.persons.get(r.person as usize);
                let key = world
                    .person_keys
                    .get(r.person as usize)
                    .map(|k| format!("P{k:07}"))
                    .unwrap_or_default();
                let net = person
                    .and_then(|p| p.network)
                    .map(|n| format!("NET-{:04}", n + 1))
                    .unwrap_or_default();
                let role = person.map_or("none", |p| p.role.as_str());
                tw.write_record([id.as_str(), key.as_str(), net.as_str(), role])
                    .map_err(|e| encode("truth/people.csv", e))?;
            }
            Ok((finish(nw, "nominals.csv")?, finish(tw, "truth/people.csv")?))
        })
        .collect::<Result<Vec<_>, SynthError>>()?
    {
        nominals.put(&part.0)?;
        truth.put(&part.1)?;
    }
    nominals.close()?;
    truth.close()?;

    let mut markers = Table::create(dir, "markers.csv", &["nominal_id", "marker", "recorded_on"])?;
    let mut w = row_writer(Vec::with_capacity(world.markers.len() * 40));
    for (rec, marker, day) in &world.markers {
        let id = format!("N{:07}", rec + 1);
        w.write_record([id.as_str(), marker, util::iso(*day).as_str()])
            .map_err(|e| encode("markers.csv", e))?;
    }
    markers.put(&finish(w, "markers.csv")?)?;
    markers.close()?;

    let mut ocg = Table::create(dir, "ocg.csv", &["nominal_id", "ocg_id", "ocg_role"])?;
    let mut w = row_writer(Vec::with_capacity(world.ocg.len() * 40));
    for (rec, group, role) in &world.ocg {
        let id = format!("N{:07}", rec + 1);
        let gid = format!("OCG-{group:03}");
        w.write_record([id.as_str(), gid.as_str(), role.as_str()])
            .map_err(|e| encode("ocg.csv", e))?;
    }
    ocg.put(&finish(w, "ocg.csv")?)?;
    ocg.close()
}

#[derive(serde::Serialize)]
struct Manifest<'a> {
    synthetic: bool,
    generator: &'static str,
    size: &'static str,
    seed: u64,
    #[serde(flatten)]
    summary: &'a SynthSummary,
}

fn write_manifest(
    dir: &Path,
    config: &SynthConfig,
    summary: &SynthSummary,
) -> Result<(), SynthError> {
    let path = dir.join("synth.json");
    let manifest = Manifest {
        synthetic: true,
        generator: "ndas synth",
        size: config.size.as_str(),
        seed: config.seed,
        summary,
    };
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(|source| SynthError::Json {
        path: display(&path),
        source,
    })?;
    json.push(b'\n');
    let mut f = private_file(&path)?;
    f.write_all(&json).map_err(|source| SynthError::Write {
        path: display(&path),
        source,
    })
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn make_dir(dir: &Path) -> Result<(), SynthError> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| SynthError::CreateDir {
            path: display(dir),
            source,
        })
}

/// Creates (or truncates) a file readable by its owner only: the extract stands in for personal data.
fn private_file(path: &Path) -> Result<File, SynthError> {
    let f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|source| SynthError::Write {
            path: display(path),
            source,
        })?;
    // `mode` applies only on creation; tighten a file left by an earlier run too.
    f.set_permissions(Permissions::from_mode(0o600))
        .map_err(|source| SynthError::Write {
            path: display(path),
            source,
        })?;
    Ok(f)
}

fn row_writer(buf: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(buf)
}

fn encode(file: &str, source: csv::Error) -> SynthError {
    SynthError::Encode {
        path: file.to_string(),
        source,
    }
}

fn finish(w: csv::Writer<Vec<u8>>, file: &str) -> Result<Vec<u8>, SynthError> {
    w.into_inner().map_err(|e| SynthError::Write {
        path: file.to_string(),
        source: e.into_error(),
    })
}

/// One output CSV file: header written on creation, rows appended as pre-rendered bytes.
struct Table {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Table {
    fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Table, SynthError> {
        let path = dir.join(name);
        let file = private_file(&path)?;
        let mut t = Table {
            out: BufWriter::with_capacity(1 << 20, file),
            path,
        };
        let mut w = row_writer(Vec::new());
        w.write_record(header).map_err(|e| encode(name, e))?;
        let bytes = finish(w, name)?;
        t.put(&bytes)?;
        Ok(t)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), SynthError> {
        self.out
            .write_all(bytes)
            .map_err(|source| SynthError::Write {
                path: display(&self.path),
                source,
            })
    }

    fn close(mut self) -> Result<(), SynthError> {
        self.out.flush().map_err(|source| SynthError::Write {
            path: display(&self.path),
            source,
        })
    }
}
