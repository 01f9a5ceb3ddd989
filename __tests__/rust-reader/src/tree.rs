//! Unpacks an flist into a directory, and compares trees entry by entry.
use crate::codec::{self, hex};
use crate::flist::{Flist, Inode};
use crate::stores::{self, Routed};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

pub const S_IFMT: u32 = 0o170000;
pub const S_IFDIR: u32 = 0o040000;
pub const S_IFREG: u32 = 0o100000;
pub const S_IFLNK: u32 = 0o120000;

#[derive(Default)]
pub struct Counts {
    pub files: usize,
    pub dirs: usize,
    pub links: usize,
    pub other: usize,
    pub blocks: usize,
    pub distinct: usize,
    pub kinds: Vec<&'static str>,
}

/// Every inode by its path below the root (`""` is the root).
pub fn paths(flist: &Flist) -> Result<BTreeMap<String, &Inode>, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![(1_i64, String::new())];
    while let Some((ino, path)) = stack.pop() {
        let inode = &flist.inodes[&ino];
        if out.insert(path.clone(), inode).is_some() {
            return Err(format!("path {path:?} appears twice in the flist"));
        }
        for child in flist.children.get(&ino).map(Vec::as_slice).unwrap_or(&[]) {
            let name = &flist.inodes[child].name;
            if name.is_empty() || name == "." || name == ".." || name.contains('/') {
                return Err(format!("inode {child} has the unsafe name {name:?}"));
            }
            if flist.inodes[&ino].mode & S_IFMT != S_IFDIR {
                return Err(format!(
                    "inode {child} has a parent that is not a directory"
                ));
            }
            stack.push((
                *child,
                if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}/{name}")
                },
            ));
        }
    }
    Ok(out)
}

pub fn unpack(flist: &Flist, stores: &[Routed], out: &Path) -> Result<Counts, String> {
    let io = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let mut counts = Counts::default();
    let mut plain_by_id: HashMap<[u8; 32], Vec<u8>> = HashMap::new();
    let mut kinds = HashSet::new();
    let mut dirs: Vec<(PathBuf, u32)> = Vec::new();
    for (path, inode) in paths(flist)? {
        let target = out.join(&path);
        let permissions = fs::Permissions::from_mode(inode.mode & 0o7777);
        match inode.mode & S_IFMT {
            S_IFDIR => {
                fs::create_dir_all(&target).map_err(|e| io(&target, e))?;
                dirs.push((target, inode.mode & 0o7777));
                counts.dirs += 1;
            }
            S_IFREG => {
                let mut content = Vec::with_capacity(inode.size as usize);
                let blocks = flist
                    .blocks
                    .get(&inode.ino)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                for (at, block) in blocks.iter().enumerate() {
                    if !plain_by_id.contains_key(&block.id) {
                        let (blob, kind) = stores::fetch(stores, &block.id)?;
                        kinds.insert(kind);
                        plain_by_id.insert(block.id, codec::decode(&block.id, &block.key, &blob)?);
                    } else if &codec::blake2b256(&plain_by_id[&block.id]) != &block.key {
                        return Err(format!(
                            "blob {} is listed with two different keys",
                            hex(&block.id)
                        ));
                    }
                    let plain = &plain_by_id[&block.id];
                    if at + 1 < blocks.len() && plain.len() != codec::CHUNK {
                        return Err(format!(
                            "{path}: block {at} of {} is {} bytes, not 512 KiB",
                            blocks.len(),
                            plain.len()
                        ));
                    }
                    content.extend_from_slice(plain);
                    counts.blocks += 1;
                }
                if content.len() as u64 != inode.size {
                    return Err(format!(
                        "{path}: blocks add up to {} bytes, the inode says {}",
                        content.len(),
                        inode.size
                    ));
                }
                fs::write(&target, &content).map_err(|e| io(&target, e))?;
                fs::set_permissions(&target, permissions).map_err(|e| io(&target, e))?;
                counts.files += 1;
            }
            S_IFLNK => {
                let data = flist
                    .targets
                    .get(&inode.ino)
                    .ok_or_else(|| format!("{path}: symlink without a target in extra"))?;
                symlink(OsStr::from_bytes(data), &target).map_err(|e| io(&target, e))?;
                counts.links += 1;
            }
            _ => counts.other += 1,
        }
    }
    // Deepest first, so a read-only directory is closed only once its contents are written.
    for (dir, mode) in dirs.into_iter().rev() {
        fs::set_permissions(&dir, fs::Permissions::from_mode(mode)).map_err(|e| io(&dir, e))?;
    }
    counts.distinct = plain_by_id.len();
    counts.kinds = kinds.into_iter().collect();
    counts.kinds.sort();
    Ok(counts)
}

pub struct Entry {
    pub mode: u32,
    pub size: u64,
    pub target: Option<Vec<u8>>,
}

/// lstat of every entry below root, links not followed; `""` is the root itself (stat).
pub fn snapshot(root: &Path) -> Result<BTreeMap<String, Entry>, String> {
    let mut out = BTreeMap::new();
    let meta = fs::metadata(root).map_err(|e| format!("{}: {e}", root.display()))?;
    out.insert(
        String::new(),
        Entry {
            mode: meta.mode(),
            size: meta.size(),
            target: None,
        },
    );
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel)) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{}", entry.file_name().to_string_lossy())
            };
            let meta = fs::symlink_metadata(entry.path()).map_err(|e| format!("{path}: {e}"))?;
            let target = if meta.file_type().is_symlink() {
                Some(
                    fs::read_link(entry.path())
                        .map_err(|e| format!("{path}: {e}"))?
                        .as_os_str()
                        .as_bytes()
                        .to_vec(),
                )
            } else {
                None
            };
            if meta.is_dir() {
                stack.push((entry.path(), path.clone()));
            }
            out.insert(
                path,
                Entry {
                    mode: meta.mode(),
                    size: meta.size(),
                    target,
                },
            );
        }
    }
    Ok(out)
}

/// Differences between the flist's records and the source tree's lstat, one line each.
pub fn compare_records(flist: &Flist, source: &Path) -> Result<Vec<String>, String> {
    let recorded = paths(flist)?;
    let disk = snapshot(source)?;
    let mut problems = Vec::new();
    for path in disk.keys().filter(|p| !recorded.contains_key(*p)) {
        problems.push(format!("{path:?}: in the source, not in the flist"));
    }
    for path in recorded.keys().filter(|p| !disk.contains_key(*p)) {
        problems.push(format!("{path:?}: in the flist, not in the source"));
    }
    for (path, entry) in &disk {
        let Some(inode) = recorded.get(path) else {
            continue;
        };
        if inode.mode != entry.mode {
            problems.push(format!(
                "{path:?}: mode {:o} in the flist, {:o} in the source",
                inode.mode, entry.mode
            ));
        }
        if entry.mode & S_IFMT == S_IFREG && inode.size != entry.size {
            problems.push(format!(
                "{path:?}: size {} in the flist, {} in the source",
                inode.size, entry.size
            ));
        }
        if let Some(target) = &entry.target {
            if flist.targets.get(&inode.ino) != Some(target) {
                problems.push(format!("{path:?}: symlink target differs from the source"));
            }
        }
    }
    Ok(problems)
}

/// Differences between an unpacked tree and its source: types, permissions, bytes, link targets.
pub fn compare_trees(source: &Path, unpacked: &Path) -> Result<Vec<String>, String> {
    let want = snapshot(source)?;
    let got = snapshot(unpacked)?;
    let mut problems = Vec::new();
    let packable = |e: &Entry| matches!(e.mode & S_IFMT, S_IFDIR | S_IFREG | S_IFLNK);
    for (path, entry) in want.iter().filter(|(_, e)| packable(e)) {
        let Some(copy) = got.get(path) else {
            problems.push(format!("{path:?}: missing from the unpacked tree"));
            continue;
        };
        let kind = entry.mode & S_IFMT;
        if copy.mode & S_IFMT != kind {
            problems.push(format!(
                "{path:?}: unpacked as type {:o}, source is {kind:o}",
                copy.mode & S_IFMT
            ));
            continue;
        }
        if kind != S_IFLNK && copy.mode & 0o7777 != entry.mode & 0o7777 {
            problems.push(format!(
                "{path:?}: unpacked with permissions {:o}, source has {:o}",
                copy.mode & 0o7777,
                entry.mode & 0o7777
            ));
        }
        if kind == S_IFREG {
            let a = fs::read(source.join(path)).map_err(|e| format!("{path}: {e}"))?;
            let b = fs::read(unpacked.join(path)).map_err(|e| format!("{path}: {e}"))?;
            if a != b {
                problems.push(format!(
                    "{path:?}: unpacked content differs from the source ({} vs {} bytes)",
                    b.len(),
                    a.len()
                ));
            }
        }
        if entry.target != copy.target {
            problems.push(format!("{path:?}: unpacked symlink target differs"));
        }
    }
    for path in got.keys().filter(|p| !want.contains_key(*p)) {
        problems.push(format!("{path:?}: in the unpacked tree, not in the source"));
    }
    Ok(problems)
}
