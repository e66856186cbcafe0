# True division of ints whose quotient lies around the smallest normal float (2^-1022): each
# low-bit pattern of the quotient at the subnormals' rounding point, exact halves and with a
# remainder, signs, and denominators too large for a float.
base = 2 ** 1076
for top in (2 ** 52, 2 ** 53, 2 ** 54):
    for high in (0, 5, 2 ** 40 + 8):
        for low in range(8):
            q = top + high * 8 + low
            print(q / base, -q / base, q / -base)
            print((3 * q + 1) / (3 * base), (3 * q + 2) / (3 * base), (3 * q - 1) / (3 * base))

# A fixed linear congruential sequence of numerators over odd, non-power-of-two denominators.
seed = 12345
y = 3 ** 700 + 2 ** 1200 + 1
for i in range(60):
    seed = (seed * 6364136223846793005 + 1442695040888963407) % 2 ** 64
    shift = 1022 + seed % 3
    x = (y * (2 ** 64 + seed)) >> (64 + shift)
    print(x / y, (x + 1) / y, (x - 1) / y, -x / y)
