//! The global allocator: a first-fit free list (`linked_list_allocator`, as under esp-alloc)
//! over the RAM `link.x` leaves between the stack and the script. The VM's Python heap is
//! one allocation from it; compiled code and transient buffers are the rest.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{self, NonNull};
use linked_list_allocator::Heap;

extern "C" {
    static mut _arena_start: u8;
    static mut _arena_end: u8;
}

/// The free list, used without a lock.
pub struct Arena(UnsafeCell<Heap>);

// SAFETY: one hart runs the program (the others park in `_start`) and interrupts stay
// disabled, so the free list is never entered by two callers at once.
unsafe impl Sync for Arena {}

#[global_allocator]
static ARENA: Arena = Arena(UnsafeCell::new(Heap::empty()));

/// Hand the arena's RAM to the allocator; called once, first thing in `main`.
pub fn init() {
    // SAFETY: `_arena_start.._arena_end` is RAM that `link.x` gives to nothing else, and
    // nothing has allocated yet (this runs once, before any allocation).
    unsafe {
        let start = ptr::addr_of_mut!(_arena_start);
        let end = ptr::addr_of_mut!(_arena_end);
        (*ARENA.0.get()).init(start, end as usize - start as usize);
    }
}

// SAFETY: allocate and deallocate come from the free list, which returns blocks of the
// layout asked for or an error, and is never entered concurrently (see `Sync` above).
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get())
            .allocate_first_fit(layout)
            .map_or(ptr::null_mut(), NonNull::as_ptr)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(block) = NonNull::new(ptr) {
            (*self.0.get()).deallocate(block, layout);
        }
    }
}
