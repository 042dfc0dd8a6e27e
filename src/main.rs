//! The `ndas` command line: parse flags (clap), call the library, map errors to exit codes (0 success, 1 a
//! check that found problems where a command says so, 2 bad usage, bad input or bad policy). Nothing else lives
//! here; every command is a function in `ndas::app`.

use std::io::{BufReader, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use ndas::app::{self, AppError, DemoOptions, RunOptions};
use ndas::builtin::DEFAULT_USE_CASE;
use ndas::output::Format;
use ndas::synth::Size;

// A force-sized run allocates and frees millions of small strings; mimalloc does that markedly faster than the
// system allocator (measured on the force extract), and the library itself stays allocator-agnostic.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ndas finds signs of organised exploitation (county lines, child sexual exploitation) in police free text
/// and shows the evidence for every flag: which term matched where, which rule fired, in which policy version.
///
/// Start with `ndas demo`. SMEs edit term lists under reference_files/ and check them with `ndas check`; try a
/// sentence with `echo "seen at the trap house" | ndas match`; keep outputs current while editing with
/// `ndas watch`. Analysts run `ndas run --data DIR --out DIR` and read why with `ndas explain`. Reviewers see
/// what a change does with `ndas diff`; auditors follow terms with `ndas history` and check the run ledger with
/// `ndas audit verify`.
#[derive(Parser)]
#[command(name = "ndas", version, about, long_about, max_term_width = 110)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum SizeArg {
    Tiny,
    Small,
    Force,
}

impl From<SizeArg> for Size {
    fn from(size: SizeArg) -> Size {
        match size {
            SizeArg::Tiny => Size::Tiny,
            SizeArg::Small => Size::Small,
            SizeArg::Force => Size::Force,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Parquet,
}

/// Options shared by every command that loads a policy.
#[derive(clap::Args, Clone)]
struct PolicyArgs {
    /// Policy root holding rules/ and reference_files/ [default: the current directory if it has the use case,
    /// else the policy pack built into ndas]
    #[arg(long, value_name = "DIR")]
    policy: Option<PathBuf>,
    /// Use case to load (a folder under rules/)
    #[arg(long, value_name = "NAME", default_value = DEFAULT_USE_CASE)]
    use_case: String,
    /// Judge review_by dates, and which extract dates lie in the future, as of this day (YYYY-MM-DD) [default:
    /// today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
}

impl PolicyArgs {
    fn origin(&self) -> app::PolicyOrigin {
        app::choose_policy(self.policy.as_deref(), &self.use_case)
    }
    fn as_of(&self) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// What `run` and `watch` read and where they write.
#[derive(clap::Args)]
struct RunTarget {
    /// Extract directory: events, nominals, links (required), markers, ocg, objects (optional)
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Output directory (created if needed; files are readable by you only)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Format of the analyst tables
    #[arg(long, value_enum, default_value = "parquet")]
    format: FormatArg,
    #[command(flatten)]
    store: StoreArgs,
}

impl RunTarget {
    fn options(self, quiet: bool) -> RunOptions {
        RunOptions {
            policy: self.policy.origin(),
            use_case: self.policy.use_case.clone(),
            format: match self.format {
                FormatArg::Csv => Format::Csv,
                FormatArg::Parquet => Format::Parquet,
            },
            as_of: self.policy.as_of(),
            quiet,
            store: Some(self.store.store),
            verbose_data: self.store.verbose_data,
            data: self.data,
            out: self.out,
        }
    }
}

/// Where runs are recorded.
#[derive(clap::Args, Clone)]
struct StoreArgs {
    /// Workspace store for policy versions and the run ledger
    #[arg(long, value_name = "DIR", default_value = ".ndas")]
    store: PathBuf,
    /// Let the ledger hold the extract's path and quarantine reasons (these can contain personal data)
    #[arg(long)]
    verbose_data: bool,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the run ledger: every entry chained to the one before, none altered, removed or reordered, and
    /// every output named by its latest entry unchanged. Exit 0 when intact, 1 when not (naming the first
    /// problem).
    Verify {
        /// The ledger [default: .ndas/ledger.jsonl]
        #[arg(long, value_name = "FILE", default_value = ".ndas/ledger.jsonl")]
        ledger: PathBuf,
    },
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date like 2026-11-29"))
}

#[derive(Subcommand)]
enum Command {
    /// Generate a synthetic extract (if not already there), run the shipped policy on it and report precision
    /// and recall against its ground truth. Needs no other arguments.
    Demo {
        /// Working directory for the extract (DIR/extract) and outputs (DIR/out)
        #[arg(long, value_name = "DIR", default_value = "ndas-demo")]
        dir: PathBuf,
        /// Extract size: tiny (a few hundred events), small (about 20,000), force (about 2,000,000)
        #[arg(long, value_enum, default_value = "small")]
        size: SizeArg,
        /// Seed for the generator
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[command(flatten)]
        policy: PolicyArgs,
        /// No progress bars
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write a deterministic synthetic extract with ground truth (truth/) to DIR. Synthetic data only: no real
    /// person is in it.
    Synth {
        /// Directory to write the tables into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "small")]
        size: SizeArg,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Validate a policy: YAML, unique ids, known categories, dates, phone numbers, that each term's examples
    /// match (and its no_match examples do not), and that the Rhai scripts compile and read no protected
    /// attribute. Prints "ok" or each problem with file, line and column; exit code 2 on errors.
    Check {
        #[command(flatten)]
        policy: PolicyArgs,
    },
    /// Match terms in documents, one per line, from FILE or standard input. Prints CSV:
    /// line,term_id,list,category,start,end,matched (line from 1, byte offsets within the line).
    Match {
        #[command(flatten)]
        policy: PolicyArgs,
        /// Add a `negated` column (true when a cue such as "no concerns about" sets the hit aside)
        #[arg(long)]
        negation: bool,
        /// Input file [default: standard input]
        file: Option<PathBuf>,
    },
    /// Run a use case on an extract directory (CSV or Parquet tables) and write to OUT: events, hits, fired,
    /// rule_errors; people, persons, merges and chart.svg; networks, network_members, edges and networks/
    /// (GraphML, drawings); quarantine.csv and run.json. Keeps the policy version and a ledger entry in the
    /// store.
    Run {
        #[command(flatten)]
        target: RunTarget,
        /// No progress bars
        #[arg(long, short)]
        quiet: bool,
    },
    /// Run once, then again whenever a file under the policy root's rules/ or reference_files/ changes. A broken
    /// edit is reported as `check` does and the last good outputs stay, with OUT/status.json saying they are
    /// stale; the next good edit recovers. A run whose rules failed on some subjects says so there too (state
    /// `rule_errors`, with the count and the table to read). Outputs are replaced as a whole, never half.
    Watch {
        #[command(flatten)]
        target: RunTarget,
        /// Look at the files every SECONDS instead of waiting for file events (for network drives)
        #[arg(long, value_name = "SECONDS")]
        poll: Option<f64>,
    },
    /// Measure a run against labels (a CSV of event_id,label with label oe or not_oe; the synthetic
    /// truth/events.csv works too): precision, recall and F1 overall, per category and per term, with Wilson
    /// 95% intervals, noisiest terms first. Writes validation.csv into OUT. Says how many label rows were used
    /// and why any were not; two rows giving one event different labels are an error naming both.
    Validate {
        /// Output directory of a run
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Labels file (CSV or Parquet) with event_id,label
        #[arg(long, value_name = "FILE")]
        labels: PathBuf,
    },
    /// What a policy change does on an extract: terms added, removed and changed; events newly flagged or no
    /// longer flagged, with the terms responsible; people whose scores or quadrant change. Markdown on standard
    /// output (and diff.md plus CSV tables in OUT). Exit 0 whether or not anything changed.
    Diff {
        /// The base policy: a directory, a git revision of the policy's repository (main, HEAD~1, a commit) or a
        /// policy version kept in the store
        #[arg(long, value_name = "REV_OR_DIR")]
        base: String,
        /// The head policy root [default: as --policy]
        #[arg(long, value_name = "DIR")]
        head: Option<PathBuf>,
        /// Extract directory
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Write diff.md, diff_terms.csv, diff_events.csv and diff_people.csv here
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[command(flatten)]
        policy: PolicyArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The history of terms and rules: added, changed field by field, removed, with commit, author, date and
    /// message (from git when the policy root is in a repository, else from the policy versions in the store).
    History {
        #[command(flatten)]
        policy: PolicyArgs,
        /// Only this term
        #[arg(long, value_name = "ID", conflicts_with = "rule")]
        term: Option<String>,
        /// Only this rule
        #[arg(long, value_name = "ID")]
        rule: Option<String>,
        /// Workspace store, for policy roots outside git
        #[arg(long, value_name = "DIR", default_value = ".ndas")]
        store: PathBuf,
    },
    /// Audit the run ledger.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Deduplicate one nominals table: which records are the same person. Writes persons.csv
    /// (nominal_id,person_id for every accepted row), merges.csv (the evidence for each linked pair),
    /// merge_review.csv (pairs left apart that a person should check, with why), quarantine.csv (rows not read,
    /// with why; `row` counts data rows from 1, the header aside) and resolve.json. Uses forename, surname, dob
    /// and, where present, pnc_id, address and postcode; never sex or ethnicity. A plain disagreement on a name or
    /// the date of birth keeps two records apart (twins, a father and son) unless their PNC ids agree, and so
    /// do like forenames each written the same way on two records or more (twins named Ella and Ellie). If
    /// truth/people.csv sits beside the file (a synthetic extract), reports pairwise precision and recall.
    Resolve {
        /// Nominals table (CSV or Parquet) with nominal_id, forename, surname, dob, sex, ethnicity, postcode,
        /// force columns
        #[arg(long, value_name = "FILE")]
        nominals: PathBuf,
        /// Output directory
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Match probability (0 to 1) at or above which two records are one person: higher merges less.
        /// Records sharing a PNC id are one person whatever the threshold
        #[arg(long, value_name = "P", default_value_t = ndas::resolve::DEFAULT_THRESHOLD)]
        threshold: f64,
    },
    /// Explain in plain language why an event was or was not flagged (--event); how a person's involvement
    /// and hierarchy scores add up, which records were merged into them and why, and their flagged events
    /// (--person); or what ties a network, who is most central in it and how its harm adds up (--network).
    Explain {
        /// Output directory of a run
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The event to explain
        #[arg(
            long,
            value_name = "ID",
            required_unless_present_any = ["person", "network"],
            conflicts_with_all = ["person", "network"]
        )]
        event: Option<String>,
        /// The person to explain (a person_id from people.csv, e.g. P-N0000123; a person from persons.csv who is
        /// not scored gets their records, merges and pairs left apart for review)
        #[arg(long, value_name = "ID", conflicts_with = "network")]
        person: Option<String>,
        /// The network to explain (a network_id from networks.csv, e.g. NET-N0000123)
        #[arg(long, value_name = "ID")]
        network: Option<String>,
        /// Extract directory, if it moved since the run [default: as recorded in run.json]
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(code) => code,
        Err(err) => {
            match &err {
                AppError::Policy(invalid) => app::report_faults(&invalid.faults),
                other => eprintln!("error: {other}"),
            }
            ExitCode::from(2)
        }
    }
}

/// The options of `run` (and of each `watch` re-run) from the command line's.
fn execute(command: Command) -> Result<ExitCode, AppError> {
    match command {
        Command::Demo {
            dir,
            size,
            seed,
            policy,
            quiet,
        } => {
            let report = app::demo(&DemoOptions {
                store: Some(PathBuf::from(".ndas")),
                dir,
                size: size.into(),
                seed,
                policy: policy.origin(),
                use_case: policy.use_case.clone(),
                as_of: policy.as_of(),
                quiet,
            })?;
            print!("{report}");
        }
        Command::Synth { out, size, seed } => {
            let started = std::time::Instant::now();
            let summary = app::synth(&out, size.into(), seed)?;
            println!(
                "wrote {} events, {} nominal records, {} links ({} organised exploitation events in truth) to {} in {:.1} s",
                summary.events,
                summary.nominals,
                summary.links,
                summary.oe_events,
                out.display(),
                started.elapsed().as_secs_f64()
            );
        }
        Command::Check { policy } => {
            let (errors, faults, summary) =
                app::check(&policy.origin(), &policy.use_case, policy.as_of())?;
            app::report_faults(&faults);
            println!("{summary}");
            if errors > 0 {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Match {
            policy,
            negation,
            file,
        } => {
            let compiled = app::load_policy(&policy.origin(), &policy.use_case, policy.as_of())?;
            let stdout = std::io::stdout().lock();
            match file {
                Some(path) => {
                    let handle = std::fs::File::open(&path).map_err(|e| {
                        AppError::Usage(format!("cannot read `{}`: {e}", path.display()))
                    })?;
                    let source = path.display().to_string();
                    app::match_lines(
                        &compiled.policy,
                        &source,
                        BufReader::new(handle),
                        stdout,
                        negation,
                    )?;
                }
                None => {
                    if std::io::stdin().is_terminal() {
                        eprintln!(
                            "reading documents from standard input, one per line (Ctrl-D to finish)"
                        );
                    }
                    app::match_lines(
                        &compiled.policy,
                        "standard input",
                        std::io::stdin().lock(),
                        stdout,
                        negation,
                    )?;
                }
            }
        }
        Command::Run { target, quiet } => {
            let out = target.out.clone();
            let summary = app::run(&target.options(quiet))?;
            let seconds: f64 = summary.stage_seconds.values().sum();
            println!(
                "{} events, {} flagged as organised exploitation, {} rows quarantined, {} rule errors; policy {}; {:.1} s; outputs in {}",
                summary.events,
                summary.flagged,
                summary.quarantined,
                summary.rule_errors,
                summary.policy_version,
                seconds,
                out.display()
            );
            if summary.rule_errors > 0 {
                eprintln!("rule errors occurred: see rule_errors in {}", out.display());
                return Ok(ExitCode::from(1));
            }
        }
        Command::Watch { target, poll } => {
            let out = target.out.clone();
            let options = target.options(true);
            let mode = match poll {
                Some(seconds) if seconds > 0.0 => {
                    app::lifecycle::WatchMode::Poll(std::time::Duration::from_secs_f64(seconds))
                }
                _ => app::lifecycle::WatchMode::Events,
            };
            let stop = std::sync::atomic::AtomicBool::new(false);
            eprintln!(
                "watching {} (Ctrl-C to stop); outputs in {}, status in {}",
                options.policy,
                out.display(),
                app::lifecycle::status_path(&out).display()
            );
            app::lifecycle::watch(&options, mode, &stop, &mut |cycle| match cycle {
                app::lifecycle::Cycle::Ran {
                    policy_version,
                    seconds,
                    rule_errors: 0,
                } => eprintln!("outputs updated: policy {policy_version} ({seconds:.1} s)"),
                app::lifecycle::Cycle::Ran {
                    policy_version,
                    seconds,
                    rule_errors,
                } => eprintln!(
                    "outputs updated: policy {policy_version} ({seconds:.1} s); {rule_errors} rule error(s): see \
                     rule_errors in {}",
                    out.display()
                ),
                app::lifecycle::Cycle::Invalid { errors, serving } => eprintln!(
                    "policy on disk is invalid ({errors} error(s)); outputs stay from policy {}",
                    serving.as_deref().unwrap_or("(none yet)")
                ),
                app::lifecycle::Cycle::Failed { message } => eprintln!("run failed: {message}"),
            })?;
        }
        Command::Validate { out, labels } => {
            print!("{}", app::lifecycle::validate(&out, &labels)?);
        }
        Command::Diff {
            base,
            head,
            data,
            out,
            policy,
            store,
        } => {
            let head = match head {
                Some(dir) => app::PolicyOrigin::Directory(dir),
                None => policy.origin(),
            };
            print!(
                "{}",
                app::lifecycle::diff(&app::lifecycle::DiffOptions {
                    base,
                    head,
                    data,
                    out,
                    use_case: policy.use_case.clone(),
                    as_of: policy.as_of(),
                    store: Some(store.store),
                })?
            );
        }
        Command::History {
            policy,
            term,
            rule,
            store,
        } => {
            let root = match policy.origin() {
                app::PolicyOrigin::Directory(dir) => dir,
                app::PolicyOrigin::Builtin => PathBuf::from("."),
            };
            print!(
                "{}",
                app::lifecycle::history(
                    &root,
                    &policy.use_case,
                    &ndas::store::Store::at(&store),
                    term.as_deref().or(rule.as_deref()),
                )?
            );
        }
        Command::Audit {
            command: AuditCommand::Verify { ledger },
        } => {
            let (report, intact) = app::lifecycle::audit_verify(&ledger)?;
            print!("{report}");
            if !intact {
                return Ok(ExitCode::from(1));
            }
        }
        Command::Resolve {
            nominals,
            out,
            threshold,
        } => {
            let truth = nominals
                .parent()
                .map(|dir| dir.to_path_buf())
                .filter(|dir| dir.join("truth").join("people.csv").is_file());
            print!(
                "{}",
                app::resolve_file(&app::ResolveOptions {
                    nominals,
                    out,
                    threshold,
                    truth,
                })?
            );
        }
        Command::Explain {
            out,
            event,
            person,
            network,
            data,
        } => match (event, person, network) {
            (Some(event), _, _) => print!("{}", app::explain_event(&out, &event, data.as_deref())?),
            (None, Some(person), _) => {
                print!("{}", app::explain_person(&out, &person, data.as_deref())?)
            }
            (None, None, Some(network)) => print!("{}", app::explain_network(&out, &network)?),
            (None, None, None) => {
                return Err(AppError::Usage(
                    "give --event ID, --person ID or --network ID".to_string(),
                ));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}
