//! mote on the ESP32-C3: `cargo build --profile chip -p mote-firmware --no-default-features
//! --features esp32c3 --target riscv32imc-unknown-none-elf --bin mote-esp32c3`, flashed with
//! `espflash flash --monitor --partition-table firmware/partitions.csv` (see the README).
//!
//! Memory: the chip has 313 KiB of DRAM for the firmware's data, its code that must run from
//! RAM, and the stack. [`HEAP_BYTES`] is a static region holding the Python heap and what the board
//! allocates beside it (filesystem, REPL, compiler); the 64 KiB the second-stage bootloader
//! used is reclaimed for the Wi-Fi driver and the network stack; the stack is what is left.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::boxed::Box;
use alloc::vec;
use embassy_executor::Spawner;
use esp_hal::clock::CpuClock;
use esp_hal::gpio::Flex;
use esp_hal::rng::Rng;
use esp_hal::timer::timg::TimerGroup;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtag;
use esp_storage::FlashStorage;
use mote_firmware::esp::board::{self, VmBudget};
use mote_firmware::esp::machine::EspMachine;
use mote_firmware::esp::{console, flash, wifi};

esp_bootloader_esp_idf::esp_app_desc!();

/// The Python heap.
const PYTHON_HEAP: usize = 144 * 1024;

/// The Python heap's size, for `scripts/chip_size.py` to read from the ELF.
#[used]
#[no_mangle]
static MOTE_PYTHON_HEAP_BYTES: u32 = PYTHON_HEAP as u32;

/// The static heap region: the Python heap, its block table (a byte per 4 blocks of 16
/// bytes) and the board's own allocations (the filesystem and its buffers, the REPL's input,
/// the compiler's work, console buffers).
const HEAP_BYTES: usize = PYTHON_HEAP + PYTHON_HEAP / 64 + 24 * 1024;

/// Stack the VM may use for compiling and nested calls. The stack is what DRAM has left after
/// data, bss and the heap (`scripts/chip_size.py` prints it, 55 KiB); beside the VM's budget
/// it also holds the executor, the console task's frames, interrupt frames and a filesystem
/// operation (up to 6 KiB of future, driven to completion where the VM calls it): CI checks
/// that at least 16 KiB is left for them.
const STACK_BUDGET: usize = 36 * 1024;

/// The VM's stack budget, for `scripts/chip_size.py` to check against the linked stack.
#[used]
#[no_mangle]
static MOTE_VM_STACK_BUDGET_BYTES: u32 = STACK_BUDGET as u32;

#[esp_hal::main]
async fn main(spawner: Spawner) -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    esp_alloc::heap_allocator!(#[esp_hal::ram(reclaimed)] size: 64 * 1024);
    esp_alloc::heap_allocator!(size: HEAP_BYTES);

    let timg0 = TimerGroup::new(peripherals.TIMG0);
    esp_rtos::start(timg0.timer0, peripherals.FROM_CPU_INTR0);

    let (rx, tx) = UsbSerialJtag::new(peripherals.USB_DEVICE)
        .into_async()
        .split();
    // The task's pool has room for this one writer, so it spawns.
    if let Ok(task) = console::writer(tx) {
        spawner.spawn(task);
    }

    flash::install(FlashStorage::new(peripherals.FLASH));
    let fs = match Box::pin(board::mount()).await {
        Ok(fs) => fs,
        Err(why) => board::halt(&why).await,
    };
    // The GPIOs Python may use: not GPIO11-17 (the SPI flash) nor GPIO18/19 (the USB port the
    // console is on).
    let machine = EspMachine::new(vec![
        (0, Flex::new(peripherals.GPIO0)),
        (1, Flex::new(peripherals.GPIO1)),
        (2, Flex::new(peripherals.GPIO2)),
        (3, Flex::new(peripherals.GPIO3)),
        (4, Flex::new(peripherals.GPIO4)),
        (5, Flex::new(peripherals.GPIO5)),
        (6, Flex::new(peripherals.GPIO6)),
        (7, Flex::new(peripherals.GPIO7)),
        (8, Flex::new(peripherals.GPIO8)),
        (9, Flex::new(peripherals.GPIO9)),
        (10, Flex::new(peripherals.GPIO10)),
        (20, Flex::new(peripherals.GPIO20)),
        (21, Flex::new(peripherals.GPIO21)),
    ]);
    let (fs, machine, config) = board::load_config(fs, machine).await;

    let rng = Rng::new();
    let seed = u64::from(rng.random()) << 32 | u64::from(rng.random());
    // The stack is for the servers and Python's sockets (issue 11); it runs on its own.
    let _stack = wifi::start(spawner, peripherals.WIFI, &config, seed).await;

    let budget = VmBudget {
        chip: "esp32c3",
        heap_bytes: PYTHON_HEAP,
        stack_budget: STACK_BUDGET,
    };
    board::run(fs, machine, &config, rx, budget).await
}
