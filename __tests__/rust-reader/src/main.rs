//! flist-reader: unpacks an rfs flist with the codec crates rfs itself uses (snap, aes-gcm,
//! blake2b_simd, SQLite), checks both hashes of every block, and compares the result with the
//! source tree byte for byte.
//!
//! flist-reader --flist F.fl --source DIR --out DIR [--store URL]...
//!   Without --store, blobs are read through the flist's own routes. An S3 route whose password
//!   was stripped is signed with the secret in FLIST_READER_S3_SECRET.
mod codec;
mod flist;
mod http;
mod sigv4;
mod stores;
mod tree;

use std::path::PathBuf;
use std::process::ExitCode;

fn without_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split(':').next().unwrap_or("");
            format!("{}{user}{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

struct Args {
    flist: String,
    source: PathBuf,
    out: PathBuf,
    stores: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut flist = None;
    let mut source = None;
    let mut out = None;
    let mut stores = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--flist" => flist = Some(value()?),
            "--source" => source = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--store" => stores.push(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        flist: flist.ok_or("--flist is required")?,
        source: source.ok_or("--source is required")?,
        out: out.ok_or("--out is required")?,
        stores,
    })
}

fn run(args: Args) -> Result<Vec<String>, String> {
    let flist = flist::read(&args.flist)?;
    let secret = std::env::var("FLIST_READER_S3_SECRET").ok();
    let specs: Vec<(u8, u8, String)> = if args.stores.is_empty() {
        flist
            .routes
            .iter()
            .map(|r| (r.start, r.end, r.url.clone()))
            .collect()
    } else {
        args.stores
            .iter()
            .map(|url| (0, 255, url.clone()))
            .collect()
    };
    if specs.is_empty() {
        return Err(format!("{}: no routes and no --store", args.flist));
    }
    let mut routed = Vec::new();
    for (start, end, url) in specs {
        let store = stores::open(&url, secret.as_deref())?;
        routed.push(stores::Routed {
            start,
            end,
            url: without_password(&url),
            store,
        });
    }
    if args.out.exists() {
        return Err(format!(
            "{}: already exists; give a new directory",
            args.out.display()
        ));
    }
    let mut problems = tree::compare_records(&flist, &args.source)?;
    let counts = tree::unpack(&flist, &routed, &args.out)?;
    problems.extend(tree::compare_trees(&args.source, &args.out)?);
    if problems.is_empty() {
        println!(
            "ok: {} files, {} directories, {} symlinks, {} other, {} blocks ({} distinct) via {}",
            counts.files,
            counts.dirs,
            counts.links,
            counts.other,
            counts.blocks,
            counts.distinct,
            counts.kinds.join(",")
        );
    }
    Ok(problems)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("flist-reader: {message}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(problems) if problems.is_empty() => ExitCode::SUCCESS,
        Ok(problems) => {
            for problem in problems {
                eprintln!("flist-reader: {problem}");
            }
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("flist-reader: {message}");
            ExitCode::FAILURE
        }
    }
}
