//! A load client for `news-search serve` (run by `scripts/bench-serve`): N clients, each on its
//! own keep-alive connection, send `/api/search` requests one after another for a fixed time,
//! and the latencies are reported.
//!
//! ```text
//! load_serve --addr 127.0.0.1:PORT --queries FILE [--clients 32] [--seconds 30] [--max-requests N]
//! ```
//!
//! FILE holds one query string per line (`q=export+controls&since=2025`), taken in turn. Only
//! a loopback address is accepted, and the run is bounded in time and in requests. It prints
//! one JSON object on stdout: `requests`, `errors`, `seconds`, `per_second`, `p50_ms`,
//! `p90_ms`, `p99_ms`, `max_ms`, `clients`; a failed request (no answer, or a status other than
//! 200) counts as an error, and its first few reasons are listed under `first_errors`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// What one client measured.
#[derive(Default)]
struct Tally {
    micros: Vec<u64>,
    errors: u64,
    first_errors: Vec<String>,
}

/// The settings of a run.
struct Settings {
    addr: SocketAddr,
    queries: Vec<String>,
    clients: usize,
    seconds: u64,
    max_requests: u64,
}

fn main() -> ExitCode {
    match settings(std::env::args().skip(1).collect()) {
        Ok(settings) => {
            run(&settings);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("load_serve: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads the command line.
fn settings(args: Vec<String>) -> Result<Settings, String> {
    let mut addr = None;
    let mut file = None;
    let (mut clients, mut seconds, mut max_requests) = (32usize, 30u64, 5_000_000u64);
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: not a number"))
        };
        match flag.as_str() {
            "--addr" => addr = Some(value.parse::<SocketAddr>().map_err(|e| e.to_string())?),
            "--queries" => file = Some(value),
            "--clients" => clients = number()?.clamp(1, 256) as usize,
            "--seconds" => seconds = number()?.clamp(1, 600),
            "--max-requests" => max_requests = number()?.max(1),
            other => return Err(format!("unknown option {other}")),
        }
    }
    let addr = addr.ok_or("--addr is needed")?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "{addr} is not a loopback address: load only this machine"
        ));
    }
    let file = file.ok_or("--queries is needed")?;
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let queries: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if queries.is_empty() {
        return Err(format!("{file} holds no query"));
    }
    Ok(Settings {
        addr,
        queries,
        clients,
        seconds,
        max_requests,
    })
}

/// Runs the clients and prints the figures.
fn run(settings: &Settings) {
    let sent = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(settings.seconds);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..settings.clients)
            .map(|client| {
                let sent = sent.clone();
                scope.spawn(move || load(settings, client, deadline, &sent))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    let mut micros: Vec<u64> = tallies.iter().flat_map(|t| t.micros.clone()).collect();
    micros.sort_unstable();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let first_errors: Vec<&String> = tallies
        .iter()
        .flat_map(|t| &t.first_errors)
        .take(5)
        .collect();
    let at = |share: f64| -> f64 {
        if micros.is_empty() {
            return 0.0;
        }
        let i = ((micros.len() as f64 * share).ceil() as usize).clamp(1, micros.len()) - 1;
        micros[i] as f64 / 1000.0
    };
    let report = serde_json::json!({
        "clients": settings.clients,
        "requests": micros.len() as u64 + errors,
        "errors": errors,
        "seconds": seconds,
        "per_second": micros.len() as f64 / seconds,
        "p50_ms": at(0.50),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "max_ms": micros.last().map_or(0.0, |&m| m as f64 / 1000.0),
        "first_errors": first_errors,
    });
    println!("{report}");
}

/// One client: requests in turn on one connection (opened again after a failure) until the
/// deadline or the shared request budget.
fn load(settings: &Settings, client: usize, deadline: Instant, sent: &AtomicU64) -> Tally {
    let mut tally = Tally::default();
    let mut connection: Option<BufReader<TcpStream>> = None;
    let mut turn = client;
    while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < settings.max_requests
    {
        let query = &settings.queries[turn % settings.queries.len()];
        turn += 1;
        let start = Instant::now();
        let outcome = match connection.take() {
            Some(open) => Ok(open),
            None => connect(settings.addr),
        }
        .and_then(|mut open| exchange(&mut open, settings.addr, query).map(|()| open));
        match outcome {
            Ok(open) => {
                tally.micros.push(start.elapsed().as_micros() as u64);
                connection = Some(open);
            }
            Err(reason) => {
                tally.errors += 1;
                if tally.first_errors.len() < 2 {
                    tally.first_errors.push(format!("{query}: {reason}"));
                }
            }
        }
    }
    tally
}

/// A new connection to the server.
fn connect(addr: SocketAddr) -> Result<BufReader<TcpStream>, String> {
    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let _ = stream.set_nodelay(true);
    Ok(BufReader::new(stream))
}

/// Sends one GET and reads its answer (its body by Content-Length); an error unless 200.
fn exchange(open: &mut BufReader<TcpStream>, addr: SocketAddr, query: &str) -> Result<(), String> {
    let request = format!("GET /api/search?{query} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    open.get_mut()
        .write_all(request.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    let mut status_line = String::new();
    open.read_line(&mut status_line)
        .map_err(|e| format!("read: {e}"))?;
    let status = status_line
        .split(' ')
        .nth(1)
        .unwrap_or_default()
        .to_string();
    let mut length = None;
    loop {
        let mut header = String::new();
        let n = open
            .read_line(&mut header)
            .map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("connection closed".to_string());
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length = length.ok_or("no content-length")?;
    let mut body = vec![0; length];
    open.read_exact(&mut body)
        .map_err(|e| format!("read body: {e}"))?;
    if status != "200" {
        return Err(format!(
            "status {status}: {}",
            String::from_utf8_lossy(&body)
                .chars()
                .take(120)
                .collect::<String>()
        ));
    }
    Ok(())
}
