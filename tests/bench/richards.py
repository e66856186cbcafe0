# Richards: an operating-system kernel simulation (a scheduler of prioritised tasks passing
# packets: an idle task, a worker, two handlers and two devices), object-heavy control flow.
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
DATA_SIZE = 4


class Packet:
    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.count = 0
        self.data = [0] * DATA_SIZE


def enqueue(queue, packet):
    """Appends `packet` to the list starting at `queue`; the new head."""
    packet.link = None
    if queue is None:
        return packet
    tail = queue
    while tail.link is not None:
        tail = tail.link
    tail.link = packet
    return queue


class Task:
    def __init__(self, kernel, ident, priority, queue):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.pending = queue is not None
        # Every task but the idle one starts waiting (for its first packet, if it has one).
        self.waiting = ident != IDLE
        self.held = False
        self.next = kernel.tasks
        kernel.tasks = self
        kernel.table[ident] = self

    def blocked(self):
        return self.held or (self.waiting and not self.pending)

    def take(self):
        """The packet to run with, if the task waited for one and it came."""
        if not (self.pending and self.waiting):
            return None
        packet = self.queue
        self.queue = packet.link
        self.pending = self.queue is not None
        self.waiting = False
        return packet

    def receive(self, packet, sender):
        """A packet arrives; the task to run next."""
        if self.queue is None:
            self.queue = packet
            self.pending = True
            if self.priority > sender.priority:
                return self
        else:
            self.queue = enqueue(self.queue, packet)
        return sender


class IdleTask(Task):
    def __init__(self, kernel, count):
        Task.__init__(self, kernel, IDLE, 0, None)
        self.seed = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.kernel.hold()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.kernel.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.kernel.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, queue):
        Task.__init__(self, kernel, WORKER, 1000, queue)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            return self.kernel.wait()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        packet.owner = self.target
        packet.count = 0
        for i in range(DATA_SIZE):
            self.letter = self.letter + 1 if self.letter < 26 else 1
            packet.data[i] = self.letter
        return self.kernel.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        Task.__init__(self, kernel, ident, priority, queue)
        self.jobs = None
        self.devices = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.jobs = enqueue(self.jobs, packet)
            else:
                self.devices = enqueue(self.devices, packet)
        job = self.jobs
        if job is not None:
            if job.count >= DATA_SIZE:
                self.jobs = job.link
                return self.kernel.send(job)
            device = self.devices
            if device is not None:
                self.devices = device.link
                device.count = job.data[job.count]
                job.count += 1
                return self.kernel.send(device)
        return self.kernel.wait()


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority):
        Task.__init__(self, kernel, ident, priority, None)
        self.stored = None

    def step(self, packet):
        if packet is None:
            if self.stored is None:
                return self.kernel.wait()
            packet, self.stored = self.stored, None
            return self.kernel.send(packet)
        self.stored = packet
        return self.kernel.hold()


class Kernel:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.current = None
        self.sends = 0
        self.holds = 0

    def hold(self):
        self.holds += 1
        self.current.held = True
        return self.current.next

    def wait(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        task = self.table[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, packet):
        target = self.table[packet.owner]
        self.sends += 1
        packet.link = None
        packet.owner = self.current.ident
        return target.receive(packet, self.current)

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.blocked():
                task = task.next
            else:
                self.current = task
                task = task.step(task.take())


def run(count):
    kernel = Kernel()
    IdleTask(kernel, count)
    work = Packet(Packet(None, WORKER, KIND_WORK), WORKER, KIND_WORK)
    WorkerTask(kernel, work)
    for handler, device, priority in ((HANDLER_A, DEVICE_A, 2000), (HANDLER_B, DEVICE_B, 3000)):
        queue = Packet(None, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        HandlerTask(kernel, handler, priority, queue)
    DeviceTask(kernel, DEVICE_A, 4000)
    DeviceTask(kernel, DEVICE_B, 5000)
    kernel.schedule()
    return kernel.sends, kernel.holds


results = [run(10000) for _ in range(8)]
print(results[0], len(set(results)))
