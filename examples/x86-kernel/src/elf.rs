//! Loads a static ELF executable (ELF64 x86-64 or ELF32 i386; `ET_EXEC`, or `ET_DYN` for a
//! static PIE) into the identity-mapped user range, and says where its pieces went.

use syscall_define::Errno;

use crate::process::{USER_BASE, USER_END};

/// Where a static PIE (`ET_DYN`) is placed.
const PIE_BASE: u64 = 0x0400_0000;

#[derive(Clone, Copy, Debug)]
pub struct Image {
    pub is_64: bool,
    pub entry: u64,
    pub phdr: u64,
    pub phent: u64,
    pub phnum: u64,
    /// The first address past the last segment (the initial program break).
    pub end: u64,
}

fn read(bytes: &[u8], at: usize, len: usize) -> Result<u64, Errno> {
    let b = bytes.get(at..at + len).ok_or(Errno::ENOEXEC)?;
    let mut value = 0u64;
    for (i, byte) in b.iter().enumerate() {
        value |= u64::from(*byte) << (8 * i);
    }
    Ok(value)
}

pub fn load(bytes: &[u8]) -> Result<Image, Errno> {
    if bytes.get(..4) != Some(b"\x7fELF") {
        return Err(Errno::ENOEXEC);
    }
    let is_64 = match bytes[4] {
        2 => true,
        1 => false,
        _ => return Err(Errno::ENOEXEC),
    };
    // Field offsets and widths of the ELF header and program headers, per class.
    let w = if is_64 { 8 } else { 4 };
    let e_type = read(bytes, 16, 2)?;
    let machine = read(bytes, 18, 2)?;
    if (is_64 && machine != 62) || (!is_64 && machine != 3) {
        return Err(Errno::ENOEXEC);
    }
    let entry = read(bytes, 24, w)?;
    let phoff = read(bytes, 24 + w, w)? as usize;
    let (phent, phnum) = if is_64 {
        (read(bytes, 54, 2)?, read(bytes, 56, 2)?)
    } else {
        (read(bytes, 42, 2)?, read(bytes, 44, 2)?)
    };
    let base = match e_type {
        2 => 0,
        3 => PIE_BASE,
        _ => return Err(Errno::ENOEXEC),
    };
    let mut end = 0;
    let mut phdr = None;
    for i in 0..phnum as usize {
        let ph = phoff + i * phent as usize;
        let p_type = read(bytes, ph, 4)?;
        let (offset, vaddr, filesz, memsz) = if is_64 {
            (
                read(bytes, ph + 8, 8)?,
                read(bytes, ph + 16, 8)?,
                read(bytes, ph + 32, 8)?,
                read(bytes, ph + 40, 8)?,
            )
        } else {
            (
                read(bytes, ph + 4, 4)?,
                read(bytes, ph + 8, 4)?,
                read(bytes, ph + 16, 4)?,
                read(bytes, ph + 20, 4)?,
            )
        };
        match p_type {
            // PT_INTERP: a dynamically linked program needs ld.so, which this kernel lacks.
            3 => return Err(Errno::ENOEXEC),
            6 => phdr = Some(base + vaddr),
            1 => {
                let start = base + vaddr;
                let stop = start.checked_add(memsz).ok_or(Errno::ENOEXEC)?;
                if start < USER_BASE || stop > USER_END || filesz > memsz {
                    return Err(Errno::ENOEXEC);
                }
                let data = bytes
                    .get(offset as usize..(offset + filesz) as usize)
                    .ok_or(Errno::ENOEXEC)?;
                // SAFETY: an identity-mapped user range checked above; nothing else lives there
                // while the new program is loaded.
                unsafe {
                    core::ptr::copy_nonoverlapping(data.as_ptr(), start as *mut u8, data.len());
                    core::ptr::write_bytes(
                        (start + filesz) as *mut u8,
                        0,
                        (memsz - filesz) as usize,
                    );
                }
                if offset == 0 && phdr.is_none() {
                    phdr = Some(start + phoff as u64);
                }
                end = end.max(stop);
            }
            _ => {}
        }
    }
    Ok(Image {
        is_64,
        entry: base + entry,
        phdr: phdr.ok_or(Errno::ENOEXEC)?,
        phent,
        phnum,
        end,
    })
}
