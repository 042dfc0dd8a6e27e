//! Tests of the generator as a whole: determinism, referential integrity between tables, complete truth, and the
//! presence in even the tiny extract of every phenomenon the engine must cope with.

use super::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("ndas-synth-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FILES: [&str; 9] = [
    "events.csv",
    "nominals.csv",
    "links.csv",
    "markers.csv",
    "ocg.csv",
    "objects.csv",
    "truth/events.csv",
    "truth/people.csv",
    "synth.json",
];

fn tiny(seed: u64, name: &str) -> (TempDir, SynthSummary) {
    let dir = TempDir::new(name);
    let summary = write_extract(
        &SynthConfig {
            size: Size::Tiny,
            seed,
        },
        &dir.0,
    )
    .unwrap();
    (dir, summary)
}

fn rows(dir: &Path, file: &str) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn same_seed_gives_identical_bytes() {
    let (a, sa) = tiny(42, "det-a");
    let (b, sb) = tiny(42, "det-b");
    assert_eq!(sa, sb);
    for f in FILES {
        let x = std::fs::read(a.0.join(f)).unwrap();
        let y = std::fs::read(b.0.join(f)).unwrap();
        assert!(x == y, "{f} differs between two runs with the same seed");
    }
}

#[test]
fn different_seeds_differ() {
    let (a, _) = tiny(1, "seed-a");
    let (b, _) = tiny(2, "seed-b");
    for f in ["events.csv", "nominals.csv", "links.csv"] {
        assert_ne!(
            std::fs::read(a.0.join(f)).unwrap(),
            std::fs::read(b.0.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn tables_are_consistent_and_truth_is_complete() {
    let (dir, summary) = tiny(42, "integrity");
    let d = &dir.0;
    let events = rows(d, "events.csv");
    let nominals = rows(d, "nominals.csv");
    let links = rows(d, "links.csv");
    assert_eq!(events.len(), summary.events);
    assert_eq!(nominals.len(), summary.nominals);
    assert_eq!(links.len(), summary.links);
    assert!((250..=350).contains(&events.len()), "{}", events.len());
    assert!((170..=240).contains(&nominals.len()), "{}", nominals.len());

    let event_ids: BTreeSet<&str> = events.iter().map(|e| e["event_id"].as_str()).collect();
    let nominal_ids: BTreeSet<&str> = nominals.iter().map(|n| n["nominal_id"].as_str()).collect();
    assert_eq!(event_ids.len(), events.len(), "event ids unique");
    assert_eq!(nominal_ids.len(), nominals.len(), "nominal ids unique");
    for l in &links {
        assert!(event_ids.contains(l["event_id"].as_str()), "{l:?}");
        assert!(nominal_ids.contains(l["nominal_id"].as_str()), "{l:?}");
        assert!(
            crate::extract::LINK_ROLES.contains(&l["role"].as_str()),
            "{l:?}"
        );
    }
    for f in ["markers.csv", "ocg.csv"] {
        for m in rows(d, f) {
            assert!(nominal_ids.contains(m["nominal_id"].as_str()), "{f}: {m:?}");
        }
    }
    for o in rows(d, "objects.csv") {
        assert!(event_ids.contains(o["event_id"].as_str()), "{o:?}");
        assert!(["phone", "vehicle", "firearm"].contains(&o["kind"].as_str()));
    }

    let truth_events = rows(d, "truth/events.csv");
    let te: Vec<&str> = truth_events
        .iter()
        .map(|t| t["event_id"].as_str())
        .collect();
    let ev: Vec<&str> = events.iter().map(|e| e["event_id"].as_str()).collect();
    assert_eq!(te, ev, "truth/events.csv covers every event in order");
    for t in &truth_events {
        assert!(
            ["sexual_exploitation", "criminal_exploitation", "none"].contains(&t["label"].as_str())
        );
    }
    let truth_people = rows(d, "truth/people.csv");
    let tp: Vec<&str> = truth_people
        .iter()
        .map(|t| t["nominal_id"].as_str())
        .collect();
    let nm: Vec<&str> = nominals.iter().map(|n| n["nominal_id"].as_str()).collect();
    assert_eq!(tp, nm, "truth/people.csv covers every nominal in order");

    for e in &events {
        assert!(
            ["crime", "intelligence", "missing_person", "custody"].contains(&e["source"].as_str())
        );
        assert!(lexicon::FORCES.contains(&e["force"].as_str()));
        assert_eq!(e["occurred_on"].len(), 10);
        assert!(!e["text"].trim().is_empty());
        assert!(
            !e["text"].contains('{') && !e["text"].contains('['),
            "unexpanded template: {}",
            e["text"]
        );
    }
    for n in &nominals {
        assert!(["M", "F", "U"].contains(&n["sex"].as_str()));
        assert!(!n["ethnicity"].is_empty() && !n["postcode"].is_empty());
    }
    let with_pnc = nominals.iter().filter(|n| !n["pnc_id"].is_empty()).count();
    assert!(
        with_pnc * 100 / nominals.len() > 25 && with_pnc * 100 / nominals.len() < 55,
        "{with_pnc}"
    );
}

#[test]
fn tiny_contains_every_phenomenon() {
    let (dir, _) = tiny(42, "phenomena");
    let d = &dir.0;
    let events = rows(d, "events.csv");
    let nominals = rows(d, "nominals.csv");
    let links = rows(d, "links.csv");
    let truth: BTreeMap<String, String> = rows(d, "truth/events.csv")
        .into_iter()
        .map(|t| (t["event_id"].clone(), t["label"].clone()))
        .collect();
    let people = rows(d, "truth/people.csv");

    let labels: BTreeSet<&str> = truth.values().map(String::as_str).collect();
    assert!(
        labels.contains("sexual_exploitation")
            && labels.contains("criminal_exploitation")
            && labels.contains("none")
    );

    let networks: BTreeSet<&str> = people
        .iter()
        .map(|p| p["network_key"].as_str())
        .filter(|k| !k.is_empty())
        .collect();
    assert!(networks.len() >= 2, "{networks:?}");
    for role in ["management", "facilitator", "workforce"] {
        assert!(people.iter().any(|p| p["role"] == role), "{role}");
    }

    let mut per_person: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &people {
        *per_person.entry(p["person_key"].as_str()).or_default() += 1;
    }
    assert!(
        per_person.values().any(|&n| n >= 2),
        "at least one person has duplicate records"
    );

    // The nominal characteristics case: a supply crime with a child suspect, labelled criminal exploitation.
    let dob: BTreeMap<&str, &str> = nominals
        .iter()
        .map(|n| (n["nominal_id"].as_str(), n["dob"].as_str()))
        .collect();
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> =
        events.iter().map(|e| (e["event_id"].as_str(), e)).collect();
    let child_pwits = links.iter().any(|l| {
        let e = by_id[l["event_id"].as_str()];
        let born = dob[l["nominal_id"].as_str()];
        let ymd = |s: &str| -> (i32, i32, i32) {
            (
                s[..4].parse().unwrap(),
                s[5..7].parse().unwrap(),
                s[8..10].parse().unwrap(),
            )
        };
        let age = |on: &str, dob: &str| -> i32 {
            let (a, b) = (ymd(on), ymd(dob));
            a.0 - b.0 - i32::from((a.1, a.2) < (b.1, b.2))
        };
        l["role"] == "suspect"
            && e["source"] == "crime"
            && (e["offence"].contains("Supply") || e["offence"].contains("PWITS"))
            && !born.is_empty()
            && age(&e["occurred_on"], born) < 18
            && truth[&e["event_id"]] == "criminal_exploitation"
    });
    assert!(
        child_pwits,
        "a PWITS crime with a child suspect labelled criminal_exploitation"
    );

    const DECOYS: [&str; 14] = [
        "line manager",
        "phone line",
        "trapdoor",
        "country park",
        "plug socket",
        "birthday party",
        "hotel reception",
        "no concerns about county lines",
        "no evidence of exploitation",
        "denies any involvement with gangs",
        "gifts",
        "cuckoo clock",
        "county court",
        "washing line",
    ];
    let decoys = events
        .iter()
        .filter(|e| truth[&e["event_id"]] == "none")
        .filter(|e| {
            let t = e["text"].to_lowercase();
            DECOYS.iter().any(|d| t.contains(d))
        })
        .count();
    assert!(decoys >= 1, "decoys in none-labelled events");

    let oe = truth.values().filter(|l| *l != "none").count();
    assert!(
        oe * 100 / events.len() >= 2 && oe * 100 / events.len() <= 12,
        "{oe} of {}",
        events.len()
    );
}

#[test]
fn outputs_are_private_and_marked_synthetic() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, summary) = tiny(7, "private");
    for f in FILES {
        let mode = std::fs::metadata(dir.0.join(f))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.0.join("synth.json")).unwrap()).unwrap();
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["generator"], "ndas synth");
    assert_eq!(json["size"], "tiny");
    assert_eq!(json["seed"], 7);
    assert_eq!(json["events"], summary.events);
}

#[test]
fn phone_numbers_are_fictional() {
    let (dir, _) = tiny(11, "phones");
    let objects = rows(&dir.0, "objects.csv");
    assert!(objects.iter().any(|o| o["kind"] == "phone"));
    for o in objects.iter().filter(|o| o["kind"] == "phone") {
        let digits: String = o["identifier"]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let national = digits
            .strip_prefix("44")
            .map_or(digits.clone(), |d| format!("0{d}"));
        assert!(
            national.starts_with("07700900") && national.len() == 11,
            "{o:?}"
        );
    }
    // Every mobile number written in a narrative, in any of its formats, is in the drama range.
    let mut seen = 0;
    for e in rows(&dir.0, "events.csv") {
        let t = e["text"].as_str();
        for (pos, _) in t.match_indices("7700") {
            let digits: String = t[pos + 4..]
                .chars()
                .take(12)
                .filter(char::is_ascii_digit)
                .take(6)
                .collect();
            let n: u32 = digits.parse().unwrap();
            assert!((900_000..=900_999).contains(&n), "{n} in {t}");
            seen += 1;
        }
    }
    assert!(
        seen > 0,
        "the tiny extract writes at least one line number in a narrative"
    );
}

#[test]
fn sizes_parse() {
    assert_eq!("tiny".parse::<Size>(), Ok(Size::Tiny));
    assert_eq!("Small".parse::<Size>(), Ok(Size::Small));
    assert_eq!("force".parse::<Size>(), Ok(Size::Force));
    assert!("huge".parse::<Size>().is_err());
}

#[test]
fn small_has_realistic_proportions() {
    let dir = TempDir::new("small");
    let s = write_extract(
        &SynthConfig {
            size: Size::Small,
            seed: 42,
        },
        &dir.0,
    )
    .unwrap();
    assert!((19_000..=21_000).contains(&s.events), "{s:?}");
    assert!((4_000..=5_000).contains(&s.nominals), "{s:?}");
    let share = s.oe_events * 1000 / s.events;
    assert!(
        (20..=50).contains(&share),
        "exploitation share {share} per mille"
    );
}

/// Names as diverse as a real population's: matching weighs a shared name by how rare it is, so a generator
/// whose names collide far more often than in life understates what a name says (and the reverse).
#[test]
fn surnames_follow_the_published_profile() {
    let persons = people::ordinary_persons(42, 60_000);
    let british: Vec<&model::Person> = persons
        .iter()
        .filter(|p| p.ethnicity == "White British")
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &british {
        *counts.entry(p.surname.as_ref()).or_default() += 1;
    }
    let n = british.len() as f64;
    let share = |name: &str| counts.get(name).copied().unwrap_or(0) as f64 / n;
    // Smith about 1.2% and Jones 0.9% of the 1996 register; the 234 listed names about 35% of people.
    assert!(
        (0.006..0.02).contains(&share("Smith")),
        "Smith {}",
        share("Smith")
    );
    let listed: usize = lexicon::BRITISH
        .surnames
        .iter()
        .map(|s| counts.get(s).copied().unwrap_or(0))
        .sum();
    let listed = listed as f64 / n;
    assert!(
        (0.25..0.5).contains(&listed),
        "listed surnames cover {listed}"
    );
    // The effective number of surnames (1 / sum of squared shares) of the published profile is about 950; a
    // uniform draw from the listed names alone gives 234.
    let effective = 1.0
        / counts
            .values()
            .map(|&c| (c as f64 / n).powi(2))
            .sum::<f64>();
    assert!(
        (600.0..2_000.0).contains(&effective),
        "effective surnames {effective}"
    );
}
