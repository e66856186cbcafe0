# Float math: Mandelbrot set iteration counts over a grid.
def mandel(w, h, max_iter):
    total = 0
    for y in range(h):
        ci = (y / h) * 2.0 - 1.0
        for x in range(w):
            cr = (x / w) * 3.0 - 2.0
            zr = zi = 0.0
            n = 0
            while n < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                n += 1
            total += n
    return total
print(mandel(400, 300, 100))
