# Fannkuch-redux: every permutation of 1..n in a fixed order (Heap-like rotation counters),
# counting pancake flips of each; list slicing and reversal, small-int loops.
def fannkuch(n):
    perm = list(range(n))
    counts = [0] * n
    checksum = most = 0
    sign = 1
    while True:
        first = perm[0]
        if first:
            p = perm[:]
            flips = 0
            while first:
                p[: first + 1] = p[first::-1]
                flips += 1
                first = p[0]
            if flips > most:
                most = flips
            checksum += flips if sign > 0 else -flips
        # The next permutation: rotate the first k+1 elements for the lowest k whose counter
        # has not wrapped, alternating sign as each rotation changes the parity.
        sign = -sign
        k = 1
        while True:
            if k == n:
                return checksum, most
            head = perm[0]
            perm[:k] = perm[1 : k + 1]
            perm[k] = head
            counts[k] += 1
            if counts[k] <= k:
                break
            counts[k] = 0
            k += 1


print(fannkuch(9))
