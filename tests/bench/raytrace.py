# Ray tracing: a small scene of spheres over a checkered plane, two lights, shadows and
# mirror reflections, rendered to a grid of 8-bit colours; vector objects with operators.
class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def scaled(self, o):
        return Vec(self.x * o.x, self.y * o.y, self.z * o.z)

    def unit(self):
        return self * (1.0 / self.dot(self) ** 0.5)


BLACK = Vec(0.0, 0.0, 0.0)


class Sphere:
    def __init__(self, centre, radius, colour, mirror):
        self.centre = centre
        self.r2 = radius * radius
        self.colour = colour
        self.mirror = mirror

    def hit(self, origin, direction):
        """Distance along the ray to the nearest intersection in front, or None."""
        oc = origin - self.centre
        b = oc.dot(direction)
        disc = b * b - oc.dot(oc) + self.r2
        if disc < 0:
            return None
        root = disc ** 0.5
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        return t if t > 1e-6 else None

    def normal(self, point):
        return (point - self.centre).unit()

    def colour_at(self, point):
        return self.colour


class Floor:
    """The plane y = height, in black and white squares."""

    def __init__(self, height, mirror):
        self.height = height
        self.mirror = mirror
        self.up = Vec(0.0, 1.0, 0.0)

    def hit(self, origin, direction):
        if -1e-9 < direction.y < 1e-9:
            return None
        t = (self.height - origin.y) / direction.y
        return t if t > 1e-6 else None

    def normal(self, point):
        return self.up

    def colour_at(self, point):
        if (int(point.x // 1) + int(point.z // 1)) % 2:
            return Vec(0.9, 0.9, 0.9)
        return Vec(0.1, 0.1, 0.1)


class Scene:
    def __init__(self):
        self.things = [
            Sphere(Vec(0.0, 1.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
            Sphere(Vec(-2.0, 0.6, 6.5), 0.6, Vec(0.2, 0.9, 0.3), 0.1),
            Sphere(Vec(1.8, 0.5, 4.0), 0.5, Vec(0.3, 0.4, 1.0), 0.6),
            Floor(0.0, 0.25),
        ]
        self.lights = [(Vec(-5.0, 8.0, -2.0), Vec(0.8, 0.8, 0.7)),
                       (Vec(6.0, 5.0, 1.0), Vec(0.3, 0.3, 0.5))]
        self.ambient = Vec(0.08, 0.08, 0.1)

    def nearest(self, origin, direction):
        best, best_t = None, 1e30
        for thing in self.things:
            t = thing.hit(origin, direction)
            if t is not None and t < best_t:
                best, best_t = thing, t
        return best, best_t

    def shadowed(self, point, to_light, distance):
        for thing in self.things:
            t = thing.hit(point, to_light)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, origin, direction, depth):
        thing, t = self.nearest(origin, direction)
        if thing is None:
            return Vec(0.2, 0.3, 0.5) * (0.5 + 0.5 * direction.y)
        point = origin + direction * t
        normal = thing.normal(point)
        base = thing.colour_at(point)
        colour = base.scaled(self.ambient)
        for position, light in self.lights:
            offset = position - point
            distance = offset.dot(offset) ** 0.5
            to_light = offset * (1.0 / distance)
            lambert = normal.dot(to_light)
            if lambert > 0 and not self.shadowed(point, to_light, distance):
                colour = colour + base.scaled(light) * lambert
                half = (to_light - direction).unit()
                spec = normal.dot(half)
                if spec > 0:
                    spec *= spec
                    spec *= spec
                    spec *= spec
                    spec *= spec
                    colour = colour + light * (spec * 0.5)
        if depth > 0 and thing.mirror > 0:
            bounce = direction - normal * (2 * direction.dot(normal))
            colour = colour * (1 - thing.mirror) + self.trace(point, bounce, depth - 1) * thing.mirror
        return colour


def byte(c):
    return 255 if c >= 1 else (0 if c <= 0 else int(c * 255))


def render(width, height):
    scene = Scene()
    eye = Vec(0.0, 1.5, -1.0)
    rows = []
    for j in range(height):
        row = []
        for i in range(width):
            x = (i - width / 2) / height
            y = (height / 2 - j) / height
            c = scene.trace(eye, Vec(x, y - 0.15, 1.0).unit(), 3)
            row.append((byte(c.x), byte(c.y), byte(c.z)))
        rows.append(row)
    return rows


W, H = 128, 96
image = render(W, H)
check = 0
for row in image:
    for r, g, b in row:
        check = (check * 31 + r * 65536 + g * 256 + b) % 1000000007
print(check, image[H // 2][W // 2], image[H * 5 // 6][W // 12], image[H // 5][W * 3 // 4])
