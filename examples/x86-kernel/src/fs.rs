//! The in-memory file table, filled from the initrd at boot and writable in place.
//!
//! The initrd (built by the test) is `SDFS0001`, then per file: name length and data length
//! (little-endian `u32`s), the name, the data, padding to 4 bytes; a zero name length ends it.
//! Each file is copied into the kernel's file arena with room to grow.

use core::ptr::addr_of_mut;

use syscall_define::Errno;

pub const MAX_FILES: usize = 32;
/// Where file contents live: 64 MiB at 768 MiB, above the user range that system calls accept
/// addresses in (`process::USER_END`): only the kernel's file calls reach it.
const ARENA: usize = 0x3000_0000;
const ARENA_SIZE: usize = 0x0400_0000;
/// Room each file has to grow.
const SLACK: usize = 1 << 20;

#[derive(Clone, Copy)]
pub struct File {
    pub name: &'static str,
    base: usize,
    pub size: usize,
    capacity: usize,
}

struct Table {
    files: [Option<File>; MAX_FILES],
    used: usize,
}

static mut TABLE: Table = Table {
    files: [None; MAX_FILES],
    used: 0,
};

fn table() -> &'static mut Table {
    // SAFETY: single CPU, no interrupts: one reference at a time.
    unsafe { &mut *addr_of_mut!(TABLE) }
}

pub fn mount(initrd: &'static [u8]) -> Result<(), &'static str> {
    let magic = initrd.get(..8).ok_or("too short")?;
    if magic != b"SDFS0001" {
        return Err("not an SDFS0001 archive");
    }
    let mut at = 8;
    let mut arena = ARENA;
    let word = |at: usize| -> Result<usize, &'static str> {
        let b = initrd.get(at..at + 4).ok_or("truncated")?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    for slot in 0..MAX_FILES {
        let name_len = word(at)?;
        if name_len == 0 {
            return Ok(());
        }
        let data_len = word(at + 4)?;
        let name = initrd
            .get(at + 8..at + 8 + name_len)
            .ok_or("truncated name")?;
        let name = core::str::from_utf8(name).map_err(|_| "a name is not UTF-8")?;
        let data_at = at + 8 + name_len;
        let data = initrd
            .get(data_at..data_at + data_len)
            .ok_or("truncated data")?;
        let capacity = (data_len + SLACK + 4095) & !4095;
        if arena + capacity > ARENA + ARENA_SIZE {
            return Err("the files do not fit the arena");
        }
        // SAFETY: the arena is RAM nothing else uses.
        unsafe {
            core::ptr::copy_nonoverlapping(data.as_ptr(), arena as *mut u8, data_len);
            core::ptr::write_bytes((arena + data_len) as *mut u8, 0, capacity - data_len);
        }
        table().files[slot] = Some(File {
            name,
            base: arena,
            size: data_len,
            capacity,
        });
        table().used = slot + 1;
        arena += capacity;
        at = (data_at + data_len + 3) & !3;
    }
    Err("too many files")
}

/// The index of the file named `name`.
pub fn lookup(name: &str) -> Option<usize> {
    table().files[..table().used]
        .iter()
        .position(|f| f.is_some_and(|f| f.name == name))
}

pub fn file(index: usize) -> File {
    table().files[index].expect("an open file exists")
}

/// The whole contents.
pub fn contents(index: usize) -> &'static [u8] {
    let f = file(index);
    // SAFETY: the file's bytes in the arena.
    unsafe { core::slice::from_raw_parts(f.base as *const u8, f.size) }
}

/// Reads at `pos`: 0 bytes at or past the end.
pub fn read_at(index: usize, pos: u64, out: &mut [u8]) -> usize {
    let data = contents(index);
    let Ok(pos) = usize::try_from(pos) else {
        return 0;
    };
    if pos >= data.len() {
        return 0;
    }
    let n = out.len().min(data.len() - pos);
    out[..n].copy_from_slice(&data[pos..pos + n]);
    n
}

/// Writes at `pos`, growing the file; `EFBIG` past the file's room.
pub fn write_at(index: usize, pos: u64, bytes: &[u8]) -> Result<usize, Errno> {
    let f = file(index);
    let end = pos.checked_add(bytes.len() as u64).ok_or(Errno::EFBIG)?;
    if end > f.capacity as u64 {
        return Err(Errno::EFBIG);
    }
    // SAFETY: within the file's room in the arena.
    unsafe {
        core::ptr::copy_nonoverlapping(
            bytes.as_ptr(),
            (f.base + pos as usize) as *mut u8,
            bytes.len(),
        );
    }
    let size = f.size.max(end as usize);
    table().files[index] = Some(File { size, ..f });
    Ok(bytes.len())
}

/// Sets the size; `EFBIG` past the file's room.
pub fn truncate(index: usize, size: u64) -> Result<(), Errno> {
    let f = file(index);
    if size > f.capacity as u64 {
        return Err(Errno::EFBIG);
    }
    if (size as usize) > f.size {
        // SAFETY: within the file's room.
        unsafe { core::ptr::write_bytes((f.base + f.size) as *mut u8, 0, size as usize - f.size) };
    }
    table().files[index] = Some(File {
        size: size as usize,
        ..f
    });
    Ok(())
}

/// The directory `path` (`/`, `/bin`, `/bin/`): a file whose name lies under it, and the length
/// of the prefix with its `/`.
pub fn lookup_dir(path: &str) -> Option<(usize, usize)> {
    let path = path.trim_end_matches('/');
    let used = table().used;
    table().files[..used].iter().enumerate().find_map(|(i, f)| {
        let f = f.as_ref()?;
        let rest = f.name.strip_prefix(path)?;
        rest.starts_with('/').then_some((i, path.len() + 1))
    })
}

/// Entry `n` of the directory that `lookup_dir` described: its name, and whether it is a
/// directory itself.
pub fn dir_entry(index: usize, len: usize, n: usize) -> Option<(&'static str, bool)> {
    let prefix = &file(index).name[..len];
    let used = table().used;
    let mut seen = 0;
    for (i, f) in table().files[..used].iter().enumerate() {
        let Some(rest) = f.as_ref().and_then(|f| f.name.strip_prefix(prefix)) else {
            continue;
        };
        let (name, is_dir) = match rest.split_once('/') {
            Some((dir, _)) => (dir, true),
            None => (rest, false),
        };
        // Count each name once: skip it if an earlier file gave it.
        let earlier = table().files[..i].iter().flatten().any(|e| {
            e.name
                .strip_prefix(prefix)
                .is_some_and(|r| r.split('/').next() == Some(name))
        });
        if earlier {
            continue;
        }
        if seen == n {
            return Some((name, is_dir));
        }
        seen += 1;
    }
    None
}
