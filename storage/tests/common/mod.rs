//! Power-cut torture harness: workloads, a model of the committed state, and checks that a
//! remounted filesystem holds one of the states a cut during an operation allows.

#![allow(dead_code)]

use std::collections::BTreeMap;

use embassy_futures::block_on;
use embedded_storage_async::nor_flash::MultiwriteNorFlash;
use mote_storage::sim::{FlashOp, SimFlash};
use mote_storage::{Error, Fd, Fs, Kind, OpenOptions, SeekFrom};

pub type TestFs = Fs<SimFlash, 4>;

/// What a path holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    File(Vec<u8>),
    Dir,
}

/// The whole tree: path → node.
pub type State = BTreeMap<String, Node>;

/// One workload step; each commits once.
#[derive(Debug, Clone)]
pub enum Op {
    /// Open with `mode` (`w`, `a` or `x`), write `data` in `pieces` writes, close.
    Write {
        path: String,
        mode: &'static str,
        data: Vec<u8>,
        pieces: usize,
    },
    Rename {
        from: String,
        to: String,
    },
    Remove {
        path: String,
    },
    Mkdir {
        path: String,
    },
    Rmdir {
        path: String,
    },
    /// Open with `r+`, write `data` at `pos` (past the end: the gap reads as zeros), close.
    Patch {
        path: String,
        pos: usize,
        data: Vec<u8>,
    },
    /// Open with `r+`, set the size to `len`, close.
    Truncate {
        path: String,
        len: usize,
    },
}

/// Deterministic pseudo-random numbers (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub fn bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut r = Rng(seed | 1);
    (0..len).map(|_| r.next() as u8).collect()
}

/// The state after `op` succeeds on `state`.
pub fn apply(state: &State, op: &Op) -> State {
    let mut s = state.clone();
    match op {
        Op::Write {
            path, mode, data, ..
        } => {
            let mut content = match (mode, s.get(path)) {
                (&"a", Some(Node::File(old))) => old.clone(),
                _ => Vec::new(),
            };
            content.extend_from_slice(data);
            s.insert(path.clone(), Node::File(content));
        }
        Op::Rename { from, to } => {
            let moved: Vec<(String, Node)> = s
                .iter()
                .filter(|(p, _)| *p == from || p.starts_with(&format!("{from}/")))
                .map(|(p, n)| (p.clone(), n.clone()))
                .collect();
            for (p, _) in &moved {
                s.remove(p);
            }
            for (p, n) in moved {
                s.insert(format!("{to}{}", &p[from.len()..]), n);
            }
        }
        Op::Remove { path } | Op::Rmdir { path } => {
            s.remove(path);
        }
        Op::Mkdir { path } => {
            s.insert(path.clone(), Node::Dir);
        }
        Op::Patch { path, pos, data } => {
            if let Some(Node::File(content)) = s.get_mut(path) {
                if content.len() < pos + data.len() {
                    content.resize(pos + data.len(), 0);
                }
                content[*pos..pos + data.len()].copy_from_slice(data);
            }
        }
        Op::Truncate { path, len } => {
            if let Some(Node::File(content)) = s.get_mut(path) {
                content.resize(*len, 0);
            }
        }
    }
    s
}

/// The states a power cut during `op` may leave.
pub fn allowed(before: &State, op: &Op) -> Vec<State> {
    let after = apply(before, op);
    let mut states = vec![before.clone(), after];
    if let Op::Write { path, .. } = op {
        if !before.contains_key(path) {
            let mut created = before.clone();
            created.insert(path.clone(), Node::File(Vec::new()));
            states.push(created);
        }
    }
    states
}

/// Runs `op`; any error is returned (a power cut shows as [`Error::Io`]).
pub fn run(fs: &mut TestFs, op: &Op) -> Result<(), Error> {
    block_on(async {
        match op {
            Op::Write {
                path,
                mode,
                data,
                pieces,
            } => {
                let fd = fs.open(path, OpenOptions::from_mode(mode)?).await?;
                let step = data.len().div_ceil((*pieces).max(1)).max(1);
                let mut result = Ok(());
                for piece in data.chunks(step) {
                    result = fs.write(fd, piece).await.map(|_| ());
                    if result.is_err() {
                        break;
                    }
                }
                let closed = fs.close(fd).await;
                result.and(closed)
            }
            Op::Rename { from, to } => fs.rename(from, to).await,
            Op::Remove { path } => fs.remove(path).await,
            Op::Mkdir { path } => fs.mkdir(path).await,
            Op::Rmdir { path } => fs.rmdir(path).await,
            Op::Patch { path, pos, data } => {
                let fd = fs.open(path, OpenOptions::from_mode("r+")?).await?;
                let result = match fs.seek(fd, SeekFrom::Start(*pos as u32)) {
                    Ok(_) => fs.write(fd, data).await.map(|_| ()),
                    Err(e) => Err(e),
                };
                let closed = fs.close(fd).await;
                result.and(closed)
            }
            Op::Truncate { path, len } => {
                let fd = fs.open(path, OpenOptions::from_mode("r+")?).await?;
                let result = fs.truncate(fd, *len as u32).await;
                let closed = fs.close(fd).await;
                result.and(closed)
            }
        }
    })
}

/// Reads the whole tree back.
pub fn snapshot(fs: &mut TestFs) -> Result<State, Error> {
    block_on(async {
        let mut out = State::new();
        let mut dirs = vec![String::new()];
        while let Some(dir) = dirs.pop() {
            let mut cursor = fs.open_dir(if dir.is_empty() { "/" } else { &dir }).await?;
            while let Some(e) = fs.next_entry(&mut cursor).await? {
                let path = format!("{dir}/{}", e.name.as_str());
                if e.kind == Kind::Dir {
                    out.insert(path.clone(), Node::Dir);
                    dirs.push(path);
                    continue;
                }
                let fd = fs.open(&path, OpenOptions::from_mode("r")?).await?;
                let content = read_to_end(fs, fd, 1024).await?;
                fs.close(fd).await?;
                if fs.stat(&path).await?.size as usize != content.len() {
                    return Err(Error::Corrupt);
                }
                out.insert(path, Node::File(content));
            }
        }
        Ok(out)
    })
}

fn describe(state: &State) -> String {
    state
        .iter()
        .map(|(p, n)| match n {
            Node::Dir => format!("{p}/"),
            Node::File(d) => format!("{p}({})", d.len()),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Mounts `flash` and checks it holds one of `allowed` and still takes writes; returns the
/// state found and the mounted filesystem.
pub fn check_flash(
    flash: SimFlash,
    allowed: &[State],
    what: &str,
) -> Result<(State, TestFs), String> {
    let mut fs =
        block_on(TestFs::mount(flash)).map_err(|e| format!("{what}: mount failed: {e:?}"))?;
    let state = snapshot(&mut fs).map_err(|e| format!("{what}: reading back failed: {e:?}"))?;
    if !allowed.contains(&state) {
        return Err(format!(
            "{what}: state {} is none of {:?}",
            describe(&state),
            allowed.iter().map(describe).collect::<Vec<_>>()
        ));
    }
    let probe = Op::Write {
        path: "/probe-after-cut".into(),
        mode: "w",
        data: bytes(300, 7),
        pieces: 1,
    };
    run(&mut fs, &probe).map_err(|e| format!("{what}: write after recovery failed: {e:?}"))?;
    block_on(fs.remove("/probe-after-cut"))
        .map_err(|e| format!("{what}: remove after recovery failed: {e:?}"))?;
    Ok((state, fs))
}

/// Figures of a torture run.
#[derive(Debug, Default)]
pub struct Tally {
    pub cuts: usize,
    pub failures: Vec<String>,
}

/// Runs `ops` once recording every flash operation, then for every operation index replays
/// the log up to it, cuts power there (cleanly and, when `tear`, also torn), remounts, and
/// checks the state. Returns the tally.
pub fn cut_everywhere(size: usize, ops: &[Op], tear: bool) -> Tally {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(size))).unwrap();
    let base = fs.flash().image().to_vec();
    fs.flash().record_operations();
    let first = fs.flash().operations();
    let mut states = vec![State::new()];
    let mut starts = Vec::new();
    for op in ops {
        starts.push(fs.flash().operations() - first);
        run(&mut fs, op).unwrap_or_else(|e| panic!("workload step {op:?} failed: {e:?}"));
        let next = apply(states.last().unwrap(), op);
        states.push(next);
    }
    assert_eq!(snapshot(&mut fs).unwrap(), *states.last().unwrap());
    let log: Vec<FlashOp> = fs.flash().take_log();
    let mut tally = Tally::default();
    let mut running = SimFlash::from_image(base);
    for (i, op) in log.iter().enumerate() {
        let step = starts.partition_point(|&s| s <= i as u64).saturating_sub(1);
        let allowed = allowed(&states[step], &ops[step]);
        let variants: &[bool] = if tear { &[false, true] } else { &[false] };
        for &torn in variants {
            let mut cut = SimFlash::from_image(running.image().to_vec());
            cut.cut_power_at(0, torn, i as u64 * 7919 + 1);
            let _ = cut.apply(op);
            tally.cuts += 1;
            let what = format!(
                "cut at flash op {i} (torn: {torn}) during {:?}",
                short(&ops[step])
            );
            if let Err(e) = check_flash(cut_image(&cut), &allowed, &what) {
                tally.failures.push(e);
            }
        }
        running.apply(op).unwrap();
    }
    tally
}

fn short(op: &Op) -> String {
    match op {
        Op::Write {
            path, mode, data, ..
        } => format!("write {path} mode {mode} {} bytes", data.len()),
        Op::Patch { path, pos, data } => format!("patch {path} at {pos}, {} bytes", data.len()),
        other => format!("{other:?}"),
    }
}

/// A scripted workload touching every operation: `scale` multiplies file sizes (and, above 1,
/// adds a 64 KiB file and `scale / 2` config overwrites and log appends).
pub fn scripted(scale: usize) -> Vec<Op> {
    let w = |path: &str, mode: &'static str, len: usize, seed: u64, pieces: usize| Op::Write {
        path: path.into(),
        mode,
        data: bytes(len, seed),
        pieces,
    };
    let mut steps = vec![
        Op::Mkdir {
            path: "/lib".into(),
        },
        w("/empty", "w", 0, 1, 1),
        w("/lib/a.py", "w", 40 * scale, 2, 1),
        w("/cfg", "x", 100, 3, 1),
        w("/big", "w", 1000 * scale, 4, 3),
        w("/log", "a", 60, 5, 1),
        w("/log", "a", 700 * scale, 6, 5),
        w("/cfg", "w", 120, 7, 1),
        w("/big", "w", 300 * scale, 8, 2),
        Op::Rename {
            from: "/cfg".into(),
            to: "/lib/cfg".into(),
        },
        w("/tmp", "w", 90, 9, 1),
        Op::Rename {
            from: "/tmp".into(),
            to: "/lib/a.py".into(),
        },
        Op::Mkdir {
            path: "/lib/sub".into(),
        },
        w("/lib/sub/x", "w", 500 * scale, 10, 2),
        Op::Remove {
            path: "/big".into(),
        },
        Op::Rename {
            from: "/lib".into(),
            to: "/pkg".into(),
        },
        w("/log", "a", 1500 * scale, 11, 4),
        Op::Remove {
            path: "/pkg/sub/x".into(),
        },
        Op::Rmdir {
            path: "/pkg/sub".into(),
        },
        w("/pkg/cfg", "w", 64, 12, 1),
        w("/empty", "w", 0, 13, 1),
    ];
    if scale > 1 {
        steps.push(w("/max", "w", 64 * 1024, 14, 7));
        for i in 0..scale / 2 {
            steps.push(w("/pkg/cfg", "w", 64 + i, 20 + i as u64, 1));
            steps.push(w("/log", "a", 48, 40 + i as u64, 1));
        }
        steps.push(Op::Rename {
            from: "/max".into(),
            to: "/log".into(),
        });
        steps.push(w("/log", "a", 10 * scale, 15, 2));
    }
    steps
}

/// A random operation valid on `state`, with files up to `max_file` bytes and total data
/// kept under `budget` bytes.
pub fn random_op(rng: &mut Rng, state: &State, max_file: usize, budget: usize) -> Op {
    let dirs: Vec<String> = std::iter::once(String::new())
        .chain(
            state
                .iter()
                .filter(|(_, n)| **n == Node::Dir)
                .map(|(p, _)| p.clone()),
        )
        .collect();
    let files: Vec<(String, usize)> = state
        .iter()
        .filter_map(|(p, n)| match n {
            Node::File(d) => Some((p.clone(), d.len())),
            Node::Dir => None,
        })
        .collect();
    let used: usize = files.iter().map(|(_, n)| n).sum();
    let size = |rng: &mut Rng| {
        let cap = max_file.min(budget.saturating_sub(used) / 2);
        match rng.below(10) {
            0..=5 => rng.below(200) as usize,
            6..=8 => rng.below(4000) as usize,
            _ => rng.below(cap as u64 + 1) as usize,
        }
        .min(cap)
    };
    let new_path = |rng: &mut Rng| {
        let dir = &dirs[rng.below(dirs.len() as u64) as usize];
        format!("{dir}/n{}", rng.below(40))
    };
    loop {
        let choice = rng.below(100);
        match choice {
            0..=29 => {
                let path = new_path(rng);
                if matches!(state.get(&path), Some(Node::Dir)) {
                    continue;
                }
                let len = size(rng);
                return Op::Write {
                    path,
                    mode: "w",
                    data: bytes(len, rng.next()),
                    pieces: 1 + rng.below(4) as usize,
                };
            }
            30..=49 if !files.is_empty() => {
                let (path, len) = &files[rng.below(files.len() as u64) as usize];
                let add = size(rng).min(max_file.saturating_sub(*len));
                return Op::Write {
                    path: path.clone(),
                    mode: "a",
                    data: bytes(add.min(3000), rng.next()),
                    pieces: 1 + rng.below(3) as usize,
                };
            }
            50..=64 if !files.is_empty() => {
                let (from, _) = &files[rng.below(files.len() as u64) as usize];
                let to = new_path(rng);
                if matches!(state.get(&to), Some(Node::Dir)) || *from == to {
                    continue;
                }
                return Op::Rename {
                    from: from.clone(),
                    to,
                };
            }
            65..=79 if !files.is_empty() => {
                let (path, _) = &files[rng.below(files.len() as u64) as usize];
                return Op::Remove { path: path.clone() };
            }
            80..=89 if dirs.len() < 6 => {
                let path = format!(
                    "{}/d{}",
                    dirs[rng.below(dirs.len() as u64) as usize],
                    rng.below(5)
                );
                if state.contains_key(&path) {
                    continue;
                }
                return Op::Mkdir { path };
            }
            90..=99 => {
                let empty: Vec<&String> = dirs
                    .iter()
                    .skip(1)
                    .filter(|d| !state.keys().any(|p| p.starts_with(&format!("{d}/"))))
                    .collect();
                if empty.is_empty() {
                    continue;
                }
                return Op::Rmdir {
                    path: empty[rng.below(empty.len() as u64) as usize].clone(),
                };
            }
            _ => continue,
        }
    }
}

fn cut_image(flash: &SimFlash) -> SimFlash {
    SimFlash::from_image(flash.image().to_vec())
}

/// Runs `steps` random operations on one flash, cutting power (torn or not) after
/// `cut_every / 2 .. cut_every * 3 / 2` flash operations, then (sometimes after a second cut
/// during the recovery) remounting, checking the state and carrying on. Returns the tally and
/// the flash (for wear figures).
pub fn random_with_cuts(
    size: usize,
    steps: usize,
    cut_every: u64,
    max_file: usize,
    seed: u64,
) -> (Tally, SimFlash) {
    let mut rng = Rng(seed | 1);
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(size))).unwrap();
    let mut state = State::new();
    let mut tally = Tally::default();
    let arm = |fs: &mut TestFs, rng: &mut Rng| {
        let at = cut_every / 2 + rng.below(cut_every);
        let torn = rng.below(2) == 0;
        let seed = rng.next();
        fs.flash().cut_power_at(at, torn, seed);
    };
    arm(&mut fs, &mut rng);
    let budget = size * 3 / 10;
    for step in 0..steps {
        let op = random_op(&mut rng, &state, max_file, budget);
        let result = run(&mut fs, &op);
        if !fs.flash().is_cut() {
            match result {
                Ok(()) => state = apply(&state, &op),
                Err(e) => tally
                    .failures
                    .push(format!("step {step} {}: {e:?}", short(&op))),
            }
            continue;
        }
        tally.cuts += 1;
        let stats = fs.flash().sector_stats().to_vec();
        let mut flash = cut_image(fs.flash());
        flash.set_sector_stats(&stats);
        if rng.below(4) == 0 {
            flash.cut_power_at(rng.below(40), rng.below(2) == 0, rng.next());
            let _ = block_on(Fs::<&mut SimFlash, 4>::mount(&mut flash));
            if flash.is_cut() {
                tally.cuts += 1;
            }
            let stats = flash.sector_stats().to_vec();
            flash = cut_image(&flash);
            flash.set_sector_stats(&stats);
        }
        let allowed = allowed(&state, &op);
        let what = format!("random step {step}, cut during {}", short(&op));
        match check_flash(flash, &allowed, &what) {
            Ok((found, mounted)) => {
                state = found;
                fs = mounted;
                arm(&mut fs, &mut rng);
            }
            Err(e) => {
                tally.failures.push(e);
                break;
            }
        }
    }
    let stats = fs.flash().sector_stats().to_vec();
    let mut flash = cut_image(fs.flash());
    flash.set_sector_stats(&stats);
    (tally, flash)
}

/// The rest of open file `fd`, read `chunk` bytes at a time (uneven sizes make reads cross
/// chunk and sector edges).
pub async fn read_to_end<F: MultiwriteNorFlash, const N: usize>(
    fs: &mut Fs<F, N>,
    fd: Fd,
    chunk: usize,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; chunk];
    loop {
        let n = fs.read(fd, &mut buf).await?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// The whole contents of the file at `path`, read `chunk` bytes at a time.
pub fn read_path<F: MultiwriteNorFlash, const N: usize>(
    fs: &mut Fs<F, N>,
    path: &str,
    chunk: usize,
) -> Result<Vec<u8>, Error> {
    block_on(async {
        let fd = fs.open(path, OpenOptions::from_mode("r")?).await?;
        let out = read_to_end(fs, fd, chunk).await;
        fs.close(fd).await?;
        out
    })
}
