//! `mote ota BOARD IMAGE`: upload a signed image to a running board (`PUT /ota`), wait for the
//! board to restart into it, and tell the outcome from its `/info`: running the new version,
//! rolled back to the old one, or refused (with the board's reason).

use std::fs::File;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use mote_ota::image::{Header, HeaderRepr, HEADER_LEN};

use crate::board::{BoardArgs, BoardError, Target};
use crate::ota_http::BoardHttp;

/// Arguments of `mote ota`.
#[derive(Args)]
pub struct OtaArgs {
    #[command(flatten)]
    board: BoardArgs,
    /// The signed image (`mote sign`).
    image: PathBuf,
    /// How long to wait for the board to come back with the new image, in seconds.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
}

/// What the board reports at `/info` that the upgrade watches.
#[derive(Debug, Clone, PartialEq)]
struct Running {
    version: String,
    uptime_ms: u64,
    /// `confirmed`, `trial` or `factory`, when the board says.
    state: Option<String>,
}

/// Uploads, waits, reports; exit 0 only when the board runs the new image.
pub fn ota(args: OtaArgs) -> ExitCode {
    match upgrade(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mote ota: {message}");
            ExitCode::FAILURE
        }
    }
}

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

fn upgrade(args: &OtaArgs) -> Result<(), String> {
    let shown = args.image.display();
    let mut file = File::open(&args.image).map_err(|e| format!("{shown}: {e}"))?;
    let len = file.metadata().map_err(|e| format!("{shown}: {e}"))?.len();
    let header = read_header(&mut file).map_err(|e| format!("{shown}: {e}"))?;
    let new_version = header.version.to_string();
    let target = Target::resolve(&args.board.board, args.board.password.as_deref())
        .map_err(|e| e.to_string())?;
    let board = BoardHttp::new(&target);

    let before = info(&board)?;
    println!(
        "{}: running version {}; uploading version {new_version} ({len} bytes)",
        board.name(),
        before.version
    );

    let file = File::open(&args.image).map_err(|e| format!("{shown}: {e}"))?;
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {elapsed_precise}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut body = file;
    let reply = board
        .request(
            "PUT",
            "/ota",
            Some((&mut body, len)),
            REQUEST_TIMEOUT,
            &mut |sent| bar.set_position(sent),
        )
        .map_err(|e| format!("upload to {} failed: {e}", board.name()))?;
    bar.finish_and_clear();
    match reply.status {
        200 => println!(
            "{}: {} ({:.1} ms)",
            board.name(),
            reply.text(),
            started.elapsed().as_secs_f64() * 1e3
        ),
        401 => return Err(BoardError::WrongPassword(board.name()).to_string()),
        404 => return Err(format!("{} takes no OTA updates (no /ota)", board.name())),
        status => {
            return Err(format!(
                "{} refused the image ({status}): {}",
                board.name(),
                reply.text()
            ))
        }
    }

    // Up again after the restart (its uptime starts over), the board runs the new image on
    // trial until it confirms itself; back on another version, it rolled the image back.
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    let mut last = before.clone();
    let mut restarted = false;
    while Instant::now() < deadline {
        std::thread::sleep(POLL);
        let Ok(now) = info(&board) else { continue };
        restarted |= now.uptime_ms < last.uptime_ms || now.version != before.version;
        last = now.clone();
        if !restarted || now.state.as_deref() == Some("trial") {
            continue;
        }
        if now.version != new_version {
            return Err(format!(
                "{}: version {new_version} did not confirm itself; the board rolled back to version {}",
                board.name(), now.version
            ));
        }
        println!(
            "{}: now running version {new_version} (was {}); {:.2} s in all",
            board.name(),
            before.version,
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    Err(format!(
        "{} did not come back with version {new_version} within {} s (it reports version {})",
        board.name(),
        args.timeout,
        last.version
    ))
}

/// The image's header, unverified (the board verifies), to tell the version being sent.
fn read_header(file: &mut File) -> Result<HeaderRepr, String> {
    let mut head = [0u8; HEADER_LEN];
    file.read_exact(&mut head)
        .map_err(|_| "too short for a mote image".to_string())?;
    let header = Header::new_checked(&head[..]).map_err(|e| format!("not a mote image: {e}"))?;
    Ok(HeaderRepr::parse(&header))
}

/// The board's `/info`.
fn info(board: &BoardHttp) -> Result<Running, String> {
    let reply = board
        .request("GET", "/info", None, REQUEST_TIMEOUT, &mut |_| {})
        .map_err(|e| format!("{}: {e}", board.name()))?;
    match reply.status {
        200 => {}
        401 => return Err(BoardError::WrongPassword(board.name()).to_string()),
        status => return Err(format!("{}: /info answered {status}", board.name())),
    }
    let json: serde_json::Value = serde_json::from_slice(&reply.body)
        .map_err(|e| format!("{}: /info is not JSON: {e}", board.name()))?;
    let version = json["firmware_version"]
        .as_str()
        .ok_or_else(|| format!("{}: /info has no firmware_version", board.name()))?
        .to_string();
    Ok(Running {
        version,
        uptime_ms: json["uptime_ms"].as_u64().unwrap_or(0),
        state: json["firmware_state"].as_str().map(str::to_string),
    })
}
