// The rfs 2.x flist schema. The statements keep rfs's own text, so the schema an SQLite shell
// prints for our flists is the one it prints for theirs.

export const SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS inode (
    ino INTEGER PRIMARY KEY AUTOINCREMENT,
    parent INTEGER,
    name VARCHAR(255),
    size INTEGER,
    uid INTEGER,
    gid INTEGER,
    mode INTEGER,
    rdev INTEGER,
    ctime INTEGER,
    mtime INTEGER
);`,
  `CREATE INDEX IF NOT EXISTS parents ON inode (parent);`,
  `CREATE INDEX IF NOT EXISTS names ON inode (name);`,
  `CREATE TABLE IF NOT EXISTS extra (
    ino INTEGER PRIMARY KEY,
    data VARCHAR(4096)
);`,
  `CREATE TABLE IF NOT EXISTS block (
    ino INTEGER,
    id VARCHAR(32),
    key VARCHAR(32)
);`,
  `CREATE INDEX IF NOT EXISTS block_ino ON block (ino);`,
  `CREATE TABLE IF NOT EXISTS tag (
    key VARCHAR(10) PRIMARY KEY,
    value VARCHAR(255)
);`,
  `CREATE TABLE IF NOT EXISTS route (
    start integer, -- one byte hash prefix
    end integer, -- one byte hash prefix
    url VARCHAR(2048)
);`
]

/** The root directory's inode; readers start their walk here. */
export const ROOT_INO = 1
export const ROOT_NAME = '/'
