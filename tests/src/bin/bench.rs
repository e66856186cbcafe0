//! `bench`: times the benchmark programs in `tests/bench/` on mote and on CPython.
//!
//! ```text
//! cargo run --release -p mote-tests --bin bench [-- [--mote PATH] [--python PATH]
//!                                                   [--runs N] [--timeout SECS] [--heap SIZE]
//!                                                   [NAMES...]]
//! ```
//!
//! Each benchmark (every `tests/bench/*.py` except `memory.py`, or only the NAMES given, with or
//! without `.py`) runs `--runs` times (default 3) under `mote run` and under `python3`
//! alternately, from the benchmark folder; the best wall time of each counts. Both must exit
//! successfully and print the same stdout, or the row is marked and left out of the geometric
//! mean. Then `memory.py` runs under mote and its figures (heap bytes of a few common objects)
//! are printed as is. mote runs with its own default (board-sized) heap unless `--heap SIZE`
//! (e.g. `8M`) is given, which is passed on to `mote run`, or the program states the heap its
//! data needs in a comment line of its own, `# mote run --heap SIZE`.
//!
//! The runner builds nothing: by default it uses `target/release/mote` of this workspace, which
//! `cargo build --release -p mote-host-tools` makes. It exits with status 1 if any benchmark
//! failed or disagreed with CPython, 2 on bad arguments or a missing binary.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The benchmark that measures memory rather than time.
const MEMORY_BENCHMARK: &str = "memory";

/// The classic programs issue 17 names for the host target (at most 1.0 times CPython's time
/// over them): pystone, richards, chaos, deltablue, raytrace, nbody, spectral-norm, fannkuch,
/// nqueens, a hexiom-like search, float, json-like string processing, generators and big-int
/// digits. Their geometric mean is printed on its own line.
const CLASSIC: [&str; 14] = [
    "pystone",
    "richards",
    "chaos",
    "deltablue",
    "raytrace",
    "float_nbody",
    "spectral_norm",
    "fannkuch",
    "nqueens",
    "hexiom",
    "float",
    "json_like",
    "generators",
    "bigint_pidigits",
];

/// What the command line asked for.
#[derive(Debug, PartialEq)]
struct Options {
    mote: PathBuf,
    python: PathBuf,
    runs: u32,
    timeout: Duration,
    /// Passed on as `mote run --heap SIZE`; mote's own default heap otherwise.
    heap: Option<String>,
    names: Vec<String>,
}

impl Options {
    /// The arguments that make mote run `file`, whose source states the heap `stated` (if
    /// any); `--heap` on the command line wins.
    fn mote_args<'a>(&'a self, file: &'a Path, stated: Option<&'a str>) -> Vec<&'a Path> {
        let mut args = vec![Path::new("run")];
        if let Some(heap) = self.heap.as_deref().or(stated) {
            args.push(Path::new("--heap"));
            args.push(Path::new(heap));
        }
        args.push(file);
        args
    }
}

/// Parses the arguments after the program name; `default_mote` is used without `--mote`.
fn parse_args(args: &[String], default_mote: PathBuf) -> Result<Options, String> {
    let mut options = Options {
        mote: default_mote,
        python: PathBuf::from("python3"),
        runs: 3,
        timeout: Duration::from_secs(120),
        heap: None,
        names: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--mote" => options.mote = PathBuf::from(value("--mote")?),
            "--python" => options.python = PathBuf::from(value("--python")?),
            "--runs" => {
                options.runs = value("--runs")?
                    .parse()
                    .ok()
                    .filter(|&runs| runs > 0)
                    .ok_or("--runs needs a whole number above 0")?;
            }
            "--heap" => options.heap = Some(value("--heap")?),
            "--timeout" => {
                let secs: u64 = value("--timeout")?
                    .parse()
                    .ok()
                    .filter(|&secs| secs > 0)
                    .ok_or("--timeout needs a whole number of seconds above 0")?;
                options.timeout = Duration::from_secs(secs);
            }
            "-h" | "--help" => return Err(usage()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{}", usage()))
            }
            name => options.names.push(name.trim_end_matches(".py").to_string()),
        }
    }
    Ok(options)
}

fn usage() -> String {
    "usage: bench [--mote PATH] [--python PATH] [--runs N] [--timeout SECS] [--heap SIZE] \
     [NAMES...]"
        .to_string()
}

/// What one run of a program did.
#[derive(Debug)]
struct RunResult {
    seconds: f64,
    stdout: String,
    stderr: String,
    exit: Exit,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Exit {
    /// The program exited with this status.
    Code(i32),
    /// A signal ended the program.
    Signal,
    /// The runner killed the program after this long.
    TimedOut(Duration),
}

impl RunResult {
    fn succeeded(&self) -> bool {
        self.exit == Exit::Code(0)
    }

    /// A one-line account of why the run did not succeed.
    fn failure(&self) -> String {
        let status = match self.exit {
            Exit::Code(code) => format!("exit status {code}"),
            Exit::Signal => "killed by a signal".to_string(),
            Exit::TimedOut(limit) => format!("timed out after {:.1} s", limit.as_secs_f64()),
        };
        let last_line = self
            .stderr
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty());
        match last_line {
            Some(line) => format!("{status}: {}", line.trim()),
            None => status,
        }
    }
}

/// Runs `program args...` in `dir`, killing it after `timeout`; measures wall time.
fn run_once(
    program: &Path,
    args: &[&Path],
    dir: &Path,
    timeout: Duration,
) -> Result<RunResult, String> {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", program.display()))?;
    let stdout = child.stdout.take().map(read_in_background);
    let stderr = child.stderr.take().map(read_in_background);
    let exit = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code().map_or(Exit::Signal, Exit::Code),
            Ok(None) if start.elapsed() > timeout => {
                // The child may exit between try_wait and kill; either way it is gone after wait.
                let _ = child.kill();
                let _ = child.wait();
                break Exit::TimedOut(timeout);
            }
            Ok(None) => thread::sleep(Duration::from_millis(1)),
            Err(err) => return Err(format!("waiting for {}: {err}", program.display())),
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    let collect = |reader: Option<thread::JoinHandle<String>>| {
        reader
            .and_then(|handle| handle.join().ok())
            .unwrap_or_default()
    };
    Ok(RunResult {
        seconds,
        stdout: collect(stdout),
        stderr: collect(stderr),
        exit,
    })
}

/// The heap a benchmark says it needs: a line `# mote run --heap SIZE` (its data does not fit
/// a board-sized heap).
fn stated_heap(source: &str) -> Option<&str> {
    source
        .lines()
        .find_map(|line| line.trim().strip_prefix("# mote run --heap "))
        .map(str::trim)
}

fn read_in_background(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        // A read error leaves what was read so far, which the output comparison then judges.
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The fastest successful run of a program so far, or its first failed run.
#[derive(Default)]
struct Best(Option<RunResult>);

impl Best {
    /// Whether more runs are worth making (a failed run settles the result).
    fn open(&self) -> bool {
        self.0.as_ref().is_none_or(RunResult::succeeded)
    }

    fn record(&mut self, result: RunResult) {
        let better = match &self.0 {
            None => true,
            Some(best) => !result.succeeded() || result.seconds < best.seconds,
        };
        if better {
            self.0 = Some(result);
        }
    }
}

/// Runs CPython and mote alternately `runs` times each, so that load from other processes
/// falls on both alike; returns the best run of each.
fn race(options: &Options, file: &Path, dir: &Path) -> Result<(RunResult, RunResult), String> {
    let (mut python, mut mote) = (Best::default(), Best::default());
    let source = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
    let heap = stated_heap(&source);
    for _ in 0..options.runs {
        if python.open() {
            python.record(run_once(&options.python, &[file], dir, options.timeout)?);
        }
        if mote.open() {
            mote.record(run_once(
                &options.mote,
                &options.mote_args(file, heap),
                dir,
                options.timeout,
            )?);
        }
    }
    match (python.0, mote.0) {
        (Some(python), Some(mote)) => Ok((python, mote)),
        _ => Err("no runs were made".to_string()),
    }
}

/// Geometric mean of positive ratios; `None` for an empty list.
fn geometric_mean(ratios: &[f64]) -> Option<f64> {
    if ratios.is_empty() {
        return None;
    }
    let log_sum: f64 = ratios.iter().map(|r| r.ln()).sum();
    Some((log_sum / ratios.len() as f64).exp())
}

/// The benchmark names (file stems) in `dir`, sorted, without the memory benchmark.
fn benchmark_names(dir: &Path) -> Result<Vec<String>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| format!("cannot read {}: {err}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .filter_map(|path| {
            path.file_stem()
                .and_then(|stem| stem.to_str())
                .map(str::to_string)
        })
        .filter(|name| name != MEMORY_BENCHMARK)
        .collect();
    names.sort();
    Ok(names)
}

/// How one benchmark row turned out.
enum Verdict {
    Ok(f64),
    Failed(String),
}

fn run_benchmarks(options: &Options, dir: &Path, names: &[String]) -> Result<bool, String> {
    println!(
        "{:<20} {:>10} {:>10} {:>8}",
        "benchmark", "CPython s", "mote s", "ratio"
    );
    let mut ratios = Vec::new();
    let mut classic = Vec::new();
    let mut all_ok = true;
    for name in names {
        let file = PathBuf::from(format!("{name}.py"));
        let (python, mote) = race(options, &file, dir)?;
        let verdict = if !python.succeeded() {
            Verdict::Failed(format!("CPython failed ({})", python.failure()))
        } else if !mote.succeeded() {
            Verdict::Failed(format!("mote failed ({})", mote.failure()))
        } else if python.stdout != mote.stdout {
            Verdict::Failed(format!(
                "OUTPUT DIFFERS: CPython {:?}, mote {:?}",
                python.stdout.trim_end(),
                mote.stdout.trim_end()
            ))
        } else {
            Verdict::Ok(mote.seconds / python.seconds)
        };
        match verdict {
            Verdict::Ok(ratio) => {
                ratios.push(ratio);
                if CLASSIC.contains(&name.as_str()) {
                    classic.push(ratio);
                }
                println!(
                    "{name:<20} {:>10.3} {:>10.3} {ratio:>8.2}",
                    python.seconds, mote.seconds
                );
            }
            Verdict::Failed(why) => {
                all_ok = false;
                println!(
                    "{name:<20} {:>10.3} {:>10.3} {:>8}  {why}",
                    python.seconds, mote.seconds, "-"
                );
            }
        }
    }
    match geometric_mean(&ratios) {
        Some(mean) => println!(
            "geometric mean of mote/CPython time ratios: {mean:.2} (over {} benchmarks)",
            ratios.len()
        ),
        None => println!("geometric mean of mote/CPython time ratios: none (no benchmark passed)"),
    }
    if let Some(mean) = geometric_mean(&classic) {
        println!(
            "over the classic programs: {mean:.2} ({} of {}; issue 17's target: at most 1.0)",
            classic.len(),
            CLASSIC.len()
        );
    }
    Ok(all_ok)
}

fn run_memory(options: &Options, dir: &Path) -> Result<bool, String> {
    let file = PathBuf::from(format!("{MEMORY_BENCHMARK}.py"));
    println!();
    println!("memory ({} under mote):", file.display());
    let result = run_once(
        &options.mote,
        &options.mote_args(&file, None),
        dir,
        options.timeout,
    )?;
    for line in result.stdout.lines() {
        println!("  {line}");
    }
    if !result.succeeded() {
        println!("  memory.py failed: {}", result.failure());
    }
    Ok(result.succeeded())
}

fn run(options: &Options, dir: &Path) -> Result<bool, String> {
    if !options.mote.is_file() {
        return Err(format!(
            "mote binary not found at {}\n\
             build it first with: cargo build --release -p mote-host-tools\n\
             (or point --mote at a mote binary)",
            options.mote.display()
        ));
    }
    let filtered = !options.names.is_empty();
    let wants_memory = !filtered || options.names.iter().any(|name| name == MEMORY_BENCHMARK);
    let names: Vec<String> = if filtered {
        options
            .names
            .iter()
            .filter(|name| *name != MEMORY_BENCHMARK)
            .cloned()
            .collect()
    } else {
        benchmark_names(dir)?
    };
    if let Some(missing) = names
        .iter()
        .find(|name| !dir.join(format!("{name}.py")).is_file())
    {
        return Err(format!("no benchmark {missing} in {}", dir.display()));
    }
    let mut ok = true;
    if !names.is_empty() {
        ok &= run_benchmarks(options, dir, &names)?;
    }
    if wants_memory {
        ok &= run_memory(options, dir)?;
    }
    Ok(ok)
}

fn main() -> ExitCode {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bench_dir = manifest_dir.join("bench");
    let workspace = manifest_dir.parent().unwrap_or(manifest_dir);
    let default_mote = workspace.join("target").join("release").join("mote");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_args(&args, default_mote) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match run(&options, &bench_dir) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn defaults_apply_without_arguments() {
        let options = parse_args(&[], PathBuf::from("/x/mote")).unwrap();
        assert_eq!(options.mote, PathBuf::from("/x/mote"));
        assert_eq!(options.python, PathBuf::from("python3"));
        assert_eq!(options.runs, 3);
        assert!(options.names.is_empty());
    }

    #[test]
    fn flags_and_names_are_parsed() {
        let args = strings(&[
            "--mote",
            "/m",
            "fib.py",
            "--runs",
            "5",
            "nqueens",
            "--timeout",
            "9",
        ]);
        let options = parse_args(&args, PathBuf::from("/x")).unwrap();
        assert_eq!(options.mote, PathBuf::from("/m"));
        assert_eq!(options.runs, 5);
        assert_eq!(options.timeout, Duration::from_secs(9));
        assert_eq!(options.names, strings(&["fib", "nqueens"]));
        assert_eq!(options.heap, None);
        let file = Path::new("fib.py");
        assert_eq!(options.mote_args(file, None), [Path::new("run"), file]);
        let stated = [
            Path::new("run"),
            Path::new("--heap"),
            Path::new("32M"),
            file,
        ];
        assert_eq!(options.mote_args(file, Some("32M")), stated);
    }

    #[test]
    fn heap_is_passed_to_mote_run() {
        let options = parse_args(&strings(&["--heap", "8M"]), PathBuf::from("/x")).unwrap();
        let file = Path::new("fib.py");
        let expected = [Path::new("run"), Path::new("--heap"), Path::new("8M"), file];
        assert_eq!(options.mote_args(file, None), expected);
        assert_eq!(options.mote_args(file, Some("32M")), expected);
        assert_eq!(
            stated_heap("# doc\n# mote run --heap 32M\nx = 1\n"),
            Some("32M")
        );
        assert_eq!(stated_heap("x = 1\n"), None);
    }

    #[test]
    fn bad_arguments_are_errors() {
        for bad in [
            &["--mote"][..],
            &["--runs", "0"],
            &["--runs", "x"],
            &["--bogus"],
            &["--timeout", "-1"],
            &["--heap"],
        ] {
            assert!(
                parse_args(&strings(bad), PathBuf::from("/x")).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn every_classic_program_is_a_benchmark() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench");
        for name in CLASSIC {
            assert!(dir.join(format!("{name}.py")).is_file(), "{name}");
        }
    }

    #[test]
    fn geometric_mean_of_ratios() {
        assert_eq!(geometric_mean(&[]), None);
        let mean = geometric_mean(&[2.0, 8.0]).unwrap();
        assert!((mean - 4.0).abs() < 1e-12);
        let mean = geometric_mean(&[1.0, 1.0, 1.0]).unwrap();
        assert!((mean - 1.0).abs() < 1e-12);
    }

    #[test]
    fn runs_capture_output_status_and_time() {
        let dir = std::env::temp_dir();
        let sh = Path::new("sh");
        let ok = run_once(
            sh,
            &[Path::new("-c"), Path::new("echo out; echo err >&2")],
            &dir,
            Duration::from_secs(10),
        )
        .unwrap();
        assert!(ok.succeeded());
        assert_eq!(ok.stdout, "out\n");
        assert_eq!(ok.stderr, "err\n");
        let failed = run_once(
            sh,
            &[Path::new("-c"), Path::new("echo boom >&2; exit 3")],
            &dir,
            Duration::from_secs(10),
        )
        .unwrap();
        assert_eq!(failed.exit, Exit::Code(3));
        assert_eq!(failed.failure(), "exit status 3: boom");
    }

    #[test]
    fn runs_past_the_timeout_are_killed() {
        let dir = std::env::temp_dir();
        let result = run_once(
            Path::new("sleep"),
            &[Path::new("5")],
            &dir,
            Duration::from_millis(100),
        )
        .unwrap();
        assert_eq!(result.exit, Exit::TimedOut(Duration::from_millis(100)));
        assert_eq!(result.failure(), "timed out after 0.1 s");
        assert!(result.seconds < 4.0);
    }

    #[test]
    fn best_keeps_the_fastest_success_and_a_failure_settles_it() {
        let run = |seconds: f64, code: i32| RunResult {
            seconds,
            stdout: String::new(),
            stderr: String::new(),
            exit: Exit::Code(code),
        };
        let mut best = Best::default();
        best.record(run(2.0, 0));
        best.record(run(1.0, 0));
        best.record(run(3.0, 0));
        assert!(best.open());
        assert_eq!(best.0.as_ref().map(|r| r.seconds), Some(1.0));
        best.record(run(5.0, 1));
        assert!(!best.open());
        assert_eq!(best.0.as_ref().map(|r| r.exit), Some(Exit::Code(1)));
    }

    #[test]
    fn benchmark_list_skips_memory_and_is_sorted() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench");
        let names = benchmark_names(&dir).unwrap();
        assert!(names.contains(&"fib".to_string()));
        assert!(!names.contains(&MEMORY_BENCHMARK.to_string()));
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
}
