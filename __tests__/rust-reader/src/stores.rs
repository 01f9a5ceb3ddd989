//! The stores a reader fetches blobs from: dir:// (flat or sharded), http:// (read-only, sharded
//! then flat, as rfs's http store asks) and s3:// (path-style, signed GETs of hex(id) at the
//! bucket root). Each route serves the ids whose first byte lies in its range.
use crate::codec::hex;
use crate::http;
use crate::sigv4;
use std::path::PathBuf;

pub enum Store {
    Dir(PathBuf),
    Http {
        authority: String,
        base: String,
    },
    S3 {
        authority: String,
        bucket: String,
        region: String,
        access: String,
        secret: Option<String>,
    },
}

pub struct Routed {
    pub start: u8,
    pub end: u8,
    pub url: String,
    pub store: Store,
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn uri_encode_key(key: &str) -> String {
    key.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Opens one store URL; `secret` fills in an S3 route whose password was stripped.
pub fn open(url: &str, secret: Option<&str>) -> Result<Store, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("{url}: not a store URL"))?;
    match scheme {
        "dir" => Ok(Store::Dir(PathBuf::from(rest))),
        "http" | "s3" => {
            let (authority_part, path_query) = match rest.find('/') {
                Some(at) => (&rest[..at], &rest[at..]),
                None => (rest, ""),
            };
            let (userinfo, authority) = match authority_part.rsplit_once('@') {
                Some((user, host)) => (Some(user), host.to_string()),
                None => (None, authority_part.to_string()),
            };
            let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
            if scheme == "http" {
                let authority = if authority.contains(':') {
                    authority
                } else {
                    format!("{authority}:80")
                };
                return Ok(Store::Http {
                    authority,
                    base: path.trim_end_matches('/').to_string(),
                });
            }
            if !authority.contains(':') {
                return Err(format!("{url}: an s3 store URL needs a port"));
            }
            let (access, password) = match userinfo {
                Some(info) => match info.split_once(':') {
                    Some((a, p)) => (percent_decode(a), Some(percent_decode(p))),
                    None => (percent_decode(info), None),
                },
                None => (String::new(), None),
            };
            let region = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("region="))
                .map(percent_decode)
                .unwrap_or_else(|| "us-east-1".to_string());
            Ok(Store::S3 {
                authority,
                bucket: path.trim_matches('/').to_string(),
                region,
                access,
                secret: password.or_else(|| secret.map(str::to_string)),
            })
        }
        other => Err(format!("{url}: this reader has no '{other}' store")),
    }
}

impl Store {
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Dir(_) => "dir",
            Store::Http { .. } => "http",
            Store::S3 { .. } => "s3",
        }
    }

    /// The blob named hex(id), or None when this store does not hold it.
    pub fn get(&self, id: &[u8; 32]) -> Result<Option<Vec<u8>>, String> {
        let name = hex(id);
        match self {
            Store::Dir(root) => {
                for path in [root.join(&name[..2]).join(&name), root.join(&name)] {
                    match std::fs::read(&path) {
                        Ok(bytes) => return Ok(Some(bytes)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                        Err(e) => return Err(format!("{}: {e}", path.display())),
                    }
                }
                Ok(None)
            }
            Store::Http { authority, base } => {
                for path in [
                    format!("{base}/{}/{name}", &name[..2]),
                    format!("{base}/{name}"),
                ] {
                    let response =
                        http::get(authority, &path, &[("Host".into(), authority.clone())])?;
                    match response.status {
                        200 => return Ok(Some(response.body)),
                        404 => continue,
                        status => {
                            return Err(format!("GET http://{authority}{path}: HTTP {status}"))
                        }
                    }
                }
                Ok(None)
            }
            Store::S3 {
                authority,
                bucket,
                region,
                access,
                secret,
            } => {
                let path = uri_encode_key(&format!("/{bucket}/{name}"));
                let headers = match secret {
                    Some(secret) => {
                        sigv4::signed_get_headers(authority, &path, region, access, secret)
                    }
                    None => vec![("Host".into(), authority.clone())],
                };
                let response = http::get(authority, &path, &headers)?;
                match response.status {
                    200 => Ok(Some(response.body)),
                    404 => Ok(None),
                    status => Err(format!(
                        "GET s3 {authority}{path}: HTTP {status} {}",
                        String::from_utf8_lossy(&response.body)
                            .chars()
                            .take(300)
                            .collect::<String>()
                    )),
                }
            }
        }
    }
}

/// The blob from the first store whose range holds id[0] and that has it, and that store's kind.
pub fn fetch(stores: &[Routed], id: &[u8; 32]) -> Result<(Vec<u8>, &'static str), String> {
    let mut asked = Vec::new();
    for routed in stores.iter().filter(|s| s.start <= id[0] && id[0] <= s.end) {
        if let Some(blob) = routed.store.get(id)? {
            return Ok((blob, routed.store.kind()));
        }
        asked.push(routed.url.as_str());
    }
    Err(format!(
        "blob {} is in none of the stores [{}]",
        hex(id),
        asked.join(", ")
    ))
}
