# Arithmetic mixing literals written in different bases.
print(0xff + 0o17 + 0b11 + 10, 0x10 * 0b10, 0o777 // 0x10, 1_0_0 % 0b111)
print(0xFFFF_FFFF + 1 == 2 ** 32, 0b1000_0000 == 128, 0o1_000 == 512)
print(0xa, 0XA, 0o12, 0B1010, 1_0)
masks = [0x0F, 0xF0, 0xFF00]
print([hex(m) for m in masks], 0xABCD & 0x0F0F, 0xAB | 0x100)
print(int("0x_1f", 16), int("1_000", 10), int("0b_101", 2))
