# Records on each side of the sizes struct packs and unpacks in its stack buffers (16 and 64
# bytes) and beyond: padding and short strings are zero-filled, values come back.
import struct

for fmt in ("<16s", "<15sx", "<17s", "<I12xI", "<64s", "<60xI", "<65s", "<I100xI", "<8d", "<9d"):
    size = struct.calcsize(fmt)
    if fmt.endswith("s") or fmt.endswith("sx"):
        values = (b"ab",)
    elif fmt.endswith("d"):
        values = tuple(i + 0.5 for i in range(int(fmt[1:-1])))
    elif "xI" in fmt and fmt.startswith("<I"):
        values = (7, 9)
    else:
        values = (123456,)
    packed = struct.pack(fmt, *values)
    back = struct.unpack(fmt, packed)
    print(fmt, size, len(packed), packed.count(0), back[-1] if not isinstance(back[-1], bytes) else back[-1][:3])
    # Packing twice in a row gives the same bytes (no leftovers from the last record).
    struct.pack("<16s", b"\xff" * 16)
    print(struct.pack(fmt, *values) == packed)
