//! One block: id = BLAKE2b-256(blob), blob = AES-256-GCM(key, nonce key[0..12], snappy-raw(plain)),
//! key = BLAKE2b-256(plain).
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};

pub const CHUNK: usize = 512 * 1024;

pub fn blake2b256(bytes: &[u8]) -> [u8; 32] {
    let hash = blake2b_simd::Params::new().hash_length(32).hash(bytes);
    hash.as_bytes().try_into().expect("32-byte digest")
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The plain chunk of a blob, after checking both of its hashes.
pub fn decode(id: &[u8; 32], key: &[u8; 32], blob: &[u8]) -> Result<Vec<u8>, String> {
    let name = hex(id);
    if &blake2b256(blob) != id {
        return Err(format!("blob {name}: its BLAKE2b-256 is not its id"));
    }
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|e| format!("blob {name}: {e}"))?;
    let compressed = cipher
        .decrypt(Nonce::from_slice(&key[..12]), blob)
        .map_err(|_| format!("blob {name}: AES-256-GCM authentication failed with its key"))?;
    let plain = snap::raw::Decoder::new()
        .decompress_vec(&compressed)
        .map_err(|e| format!("blob {name}: not raw snappy: {e}"))?;
    if &blake2b256(&plain) != key {
        return Err(format!(
            "blob {name}: the BLAKE2b-256 of its plain chunk is not its key"
        ));
    }
    if plain.len() > CHUNK {
        return Err(format!(
            "blob {name}: chunk of {} bytes is over 512 KiB",
            plain.len()
        ));
    }
    Ok(plain)
}
