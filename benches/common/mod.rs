//! What the two force benchmarks (`force_run`, `resolve_force`) share: whether this bench was asked for, the
//! `force` extract they run on (generated once or kept in `NDAS_FORCE_DIR` and reused), and timing one `ndas`
//! command in its own process, so that its peak memory is its own.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use ndas::synth::{Size, SynthConfig};

pub const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// Whether `cargo bench` asked for the bench `name`: it passes `--bench`, and a filter argument other than
/// the name means another bench was asked for.
pub fn asked_for(name: &str) -> bool {
    !std::env::args()
        .skip(1)
        .any(|a| !a.starts_with("--") && a != name)
}

/// The `force` extract (seed 42): in `NDAS_FORCE_DIR` when set, generated there if it is not already,
/// otherwise generated into a temporary folder that [`ForceExtract`] removes when dropped.
pub struct ForceExtract {
    pub dir: PathBuf,
    kept: bool,
}

impl ForceExtract {
    pub fn get() -> Self {
        let kept = std::env::var_os("NDAS_FORCE_DIR").map(PathBuf::from);
        let dir = kept.clone().unwrap_or_else(|| {
            std::env::temp_dir().join(format!("ndas-force-{}", std::process::id()))
        });
        if !dir.join("events.csv").exists() {
            generate(&dir);
        }
        Self {
            dir,
            kept: kept.is_some(),
        }
    }
}

impl Drop for ForceExtract {
    fn drop(&mut self) {
        if !self.kept {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn generate(dir: &Path) {
    let started = Instant::now();
    ndas::synth::write_extract(
        &SynthConfig {
            size: Size::Force,
            seed: 42,
        },
        dir,
    )
    .expect("generate the force extract");
    println!(
        "generate force extract: {:.1} s (target: well under 60 s)",
        started.elapsed().as_secs_f64()
    );
}

/// Runs the release `ndas` with `args` and `--out out`, its report silenced; returns the wall seconds and the
/// summary it wrote (`out/summary_file`, which records stage seconds and peak memory). `out` is removed after.
pub fn time_ndas(args: &[&OsStr], out: &Path, summary_file: &str) -> (f64, serde_json::Value) {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_ndas"))
        .args(args)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::null())
        .status()
        .expect("start ndas");
    let wall = started.elapsed().as_secs_f64();
    assert!(status.success(), "ndas {args:?} failed: {status}");
    let summary = serde_json::from_str(
        &std::fs::read_to_string(out.join(summary_file)).expect("read the summary"),
    )
    .expect("parse the summary");
    let _ = std::fs::remove_dir_all(out);
    (wall, summary)
}
