//! The flist's SQLite tables, read the way rfs reads them: the walk starts at inode 1, children
//! by parent, a file's blocks in insertion (rowid) order.
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;

pub struct Inode {
    pub ino: i64,
    pub parent: i64,
    pub name: String,
    pub size: u64,
    pub mode: u32,
}

pub struct Block {
    pub id: [u8; 32],
    pub key: [u8; 32],
}

pub struct Route {
    pub start: u8,
    pub end: u8,
    pub url: String,
}

pub struct Flist {
    pub inodes: BTreeMap<i64, Inode>,
    pub children: BTreeMap<i64, Vec<i64>>,
    /// Symlink targets, as bytes.
    pub targets: BTreeMap<i64, Vec<u8>>,
    pub blocks: BTreeMap<i64, Vec<Block>>,
    pub routes: Vec<Route>,
}

fn hash32(bytes: Vec<u8>, what: &str, ino: i64) -> Result<[u8; 32], String> {
    bytes.as_slice().try_into().map_err(|_| {
        format!(
            "block {what} of inode {ino} is {} bytes, not 32",
            bytes.len()
        )
    })
}

pub fn read(path: &str) -> Result<Flist, String> {
    let db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| format!("{path}: {e}"))?;
    let sql = |e: rusqlite::Error| format!("{path}: {e}");

    let mut inodes = BTreeMap::new();
    let mut children: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut statement = db
        .prepare("select ino, parent, name, size, mode from inode order by ino")
        .map_err(sql)?;
    let rows = statement
        .query_map([], |row| {
            Ok(Inode {
                ino: row.get(0)?,
                parent: row.get(1)?,
                name: row.get(2)?,
                size: row.get::<_, i64>(3)? as u64,
                mode: row.get::<_, i64>(4)? as u32,
            })
        })
        .map_err(sql)?;
    for inode in rows {
        let inode = inode.map_err(sql)?;
        if inode.ino != 1 {
            children.entry(inode.parent).or_default().push(inode.ino);
        }
        inodes.insert(inode.ino, inode);
    }
    match inodes.get(&1) {
        Some(root) if root.parent == 0 && root.name == "/" => {}
        _ => return Err(format!("{path}: inode 1 is not the root '/' with parent 0")),
    }

    let mut targets = BTreeMap::new();
    let mut statement = db.prepare("select ino, data from extra").map_err(sql)?;
    let rows = statement
        .query_map([], |row| {
            let data = match row.get_ref(1)? {
                rusqlite::types::ValueRef::Blob(b) => b.to_vec(),
                rusqlite::types::ValueRef::Text(t) => t.to_vec(),
                _ => Vec::new(),
            };
            Ok((row.get::<_, i64>(0)?, data))
        })
        .map_err(sql)?;
    for row in rows {
        let (ino, data) = row.map_err(sql)?;
        targets.insert(ino, data);
    }

    let mut blocks: BTreeMap<i64, Vec<Block>> = BTreeMap::new();
    let mut statement = db
        .prepare("select ino, id, key from block order by rowid")
        .map_err(sql)?;
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Vec<u8>>(1)?,
                row.get::<_, Vec<u8>>(2)?,
            ))
        })
        .map_err(sql)?;
    for row in rows {
        let (ino, id, key) = row.map_err(sql)?;
        let block = Block {
            id: hash32(id, "id", ino)?,
            key: hash32(key, "key", ino)?,
        };
        blocks.entry(ino).or_default().push(block);
    }

    let mut routes = Vec::new();
    let mut statement = db
        .prepare("select start, end, url from route order by rowid")
        .map_err(sql)?;
    let rows = statement
        .query_map([], |row| {
            Ok(Route {
                start: row.get::<_, i64>(0)? as u8,
                end: row.get::<_, i64>(1)? as u8,
                url: row.get(2)?,
            })
        })
        .map_err(sql)?;
    for row in rows {
        routes.push(row.map_err(sql)?);
    }
    Ok(Flist {
        inodes,
        children,
        targets,
        blocks,
        routes,
    })
}
