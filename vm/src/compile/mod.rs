//! The compiler: Python source text to bytecode.
//!
//! `lexer` → `parser` (AST) → `symtable` (scopes) → `codegen` → `assemble`, driven by
//! [`compile`]. Everything is `no_std` + `alloc` because the WebREPL compiles what a person
//! types on the board.
//!
//! Memory: a module is compiled one top-level statement at a time (`compile_module`): the
//! lexer is pulled token by token (no token list), the statement's tree and symbol table live
//! only until its code is generated, and what stays from one statement to the next is the
//! module's own unit (instructions, names, deduplicated constants) and the finished code
//! objects of what it defined so far. Peak memory is therefore about the output (the code
//! objects) plus the largest single statement, not the whole tree of the source: measured by
//! `cargo run --release -p mote-tests --bin compile-memory`, peak ≈ 7.5 × source + 16 KiB for
//! ordinary module code (functions and classes), of which 6.7 × is the code objects returned;
//! before (whole-module trees) it was 43 ×.
//!
//! | source  | peak before | peak after | returned code |
//! |---------|-------------|------------|---------------|
//! | 1.5 KB  | 70 KB (46×) | 31 KB (20×)| 10 KB         |
//! | 20 KB   | 868 KB (43×)| 168 KB (8.3×) | 134 KB     |
//! | 200 KB  | 8.6 MB (43×)| 1.5 MB (7.5×) | 1.3 MB     |
//!
//! Long runs of module-level statements keep all their instructions until the module is
//! assembled, so they cost more per byte (up to about 33 × for a module of nothing but calls).
//!
//! Recursion: bracket nesting is limited by the lexer (`MAX_BRACKETS`), parser recursion by
//! `parser::MAX_DEPTH`, expression trees by `ast::MAX_EXPR_HEIGHT`, blocks by `MAX_INDENT`;
//! on top of those counters every recursive pass checks a stack budget (`stack`), so no
//! source can overflow the Rust stack: it gets a `SyntaxError` instead.

pub mod assemble;
pub mod ast;
pub mod codegen;
pub mod error;
pub mod lexer;
mod name_map;
pub mod parser;
pub mod stack;
pub mod symtable;
pub mod token;

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;

use crate::bytecode::CodeObject;
pub use error::{ErrorKind, SyntaxError};
use stack::StackGuard;
pub use stack::DEFAULT_STACK_BUDGET;
use symtable::Top;

/// What the source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module: statements; the code returns `None`.
    Exec,
    /// One expression whose value the code returns.
    Eval,
    /// One REPL input: expression statements print their value (`PRINT_EXPR`).
    Single,
}

/// Compiler memory (outside the Python heap) at the peak per token of source, per source byte,
/// and in all, as an upper bound: measured by `cargo run -p mote-tests --bin compile-memory`,
/// whose worst shape (a module of nothing but calls, module-level code assembled at the end)
/// peaks at 52 bytes per token, ordinary module code at 7.5 bytes per source byte.
pub const PEAK_BYTES_PER_TOKEN: usize = 60;
/// See [`PEAK_BYTES_PER_TOKEN`].
pub const PEAK_BYTES_PER_SOURCE_BYTE: usize = 8;
/// See [`PEAK_BYTES_PER_TOKEN`].
pub const PEAK_BYTES_BASE: usize = 16 * 1024;

/// An upper estimate of the memory compiling `source` takes at its peak, from one pass of the
/// lexer (which allocates nothing that outlives a token), so an embedder with a memory budget
/// refuses a source before the compiler's allocations could fail.
pub fn peak_memory_estimate(source: &str) -> usize {
    let mut lexer = lexer::Lexer::new(source);
    let mut tokens = 0usize;
    while lexer.next_token().is_ok_and(|t| t.tok != token::Tok::Eof) {
        tokens += 1;
    }
    PEAK_BYTES_BASE
        .saturating_add(tokens.saturating_mul(PEAK_BYTES_PER_TOKEN))
        .saturating_add(source.len().saturating_mul(PEAK_BYTES_PER_SOURCE_BYTE))
}

/// Compiles `source` into a module-level code object.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<CodeObject, SyntaxError> {
    compile_with_budget(source, filename, mode, DEFAULT_STACK_BUDGET)
}

/// As [`compile`], allowing the passes `stack_budget` bytes of stack below this call (pass
/// less on a small task stack: deeply nested source then fails with a `SyntaxError` sooner).
pub fn compile_with_budget(
    source: &str,
    filename: &str,
    mode: Mode,
    stack_budget: usize,
) -> Result<CodeObject, SyntaxError> {
    compile_boxed(source, filename, mode, stack_budget).map_err(|e| *e)
}

/// [`compile_with_budget`] with the error boxed as the passes make it (the VM raises it from
/// the box: unboxed and boxed again, it was one more allocation and copy).
pub fn compile_boxed(
    source: &str,
    filename: &str,
    mode: Mode,
    stack_budget: usize,
) -> Result<CodeObject, Box<SyntaxError>> {
    let guard = StackGuard::new(stack_budget);
    let text: Cow<'_, str> = if source.as_bytes().contains(&b'\r') {
        Cow::Owned(normalize_newlines(source))
    } else {
        Cow::Borrowed(source)
    };
    compile_text(&text, filename, mode, guard).map_err(|e| e.locate(filename, &text))
}

fn compile_text(
    text: &str,
    filename: &str,
    mode: Mode,
    guard: StackGuard,
) -> error::Result<CodeObject> {
    if let Some(pos) = text.find('\0') {
        let line = text.bytes().take(pos).filter(|&b| b == b'\n').count() as u32 + 1;
        return Err(SyntaxError::syntax(
            crate::packed!("source code cannot contain null bytes"),
            line,
            0,
        ));
    }
    // One parser setup, code generator and finishing call for every mode, and one analysis
    // and code generation call for `eval` and single inputs: inlined at each, they cost a copy.
    let statements = parser::Statements::new(text, guard)?;
    let mut module = codegen::ModuleGen::new(filename, text.len(), guard, mode);
    let (expr, body);
    let top = match mode {
        Mode::Exec => {
            compile_module(statements, &mut module, guard)?;
            None
        }
        Mode::Eval => {
            expr = statements.eval()?;
            Some(Top::Expr(&expr))
        }
        Mode::Single => {
            body = statements.single()?;
            Some(Top::Stmts(&body))
        }
    };
    if let Some(top) = top {
        let table = symtable::build(top, guard)?;
        module.part(top, &table)?;
    }
    module.finish()
}

/// A module, one top-level statement at a time: parse it, analyse it, generate its code, and
/// drop its tree and symbol table before the next. The errors are CPython's nonetheless,
/// which parses the whole module before it analyses any of it, and analyses all of it before
/// generating code: after an analysis error the rest is still parsed (a syntax error there
/// wins), and after a code generation error the rest is still parsed and analysed (an
/// analysis error there wins).
fn compile_module(
    mut statements: parser::Statements<'_>,
    module: &mut codegen::ModuleGen,
    guard: StackGuard,
) -> error::Result<()> {
    let mut names = symtable::ModuleNames::default();
    // The error to report once the rest is parsed, and whether it is an analysis error (one
    // Option instead of one for each kind: fewer drops at the parser's exits).
    let mut error = None;
    let mut analysis_failed = false;
    while let Some(body) = statements.next_statement()? {
        if analysis_failed {
            continue;
        }
        match symtable::build_part(&body, &mut names, guard) {
            Ok(table) => {
                if error.is_none() {
                    error = module.part(Top::Stmts(&body), &table).err();
                }
            }
            Err(e) => {
                error = Some(e);
                analysis_failed = true;
            }
        }
    }
    match error {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `\r\n` and lone `\r` become `\n`, as CPython's universal newlines do.
fn normalize_newlines(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut pieces = source.split('\r');
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push('\n');
        out.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::disasm::disassemble;
    use crate::bytecode::verify::verify;
    use crate::bytecode::{CodeFlags, Const};
    use alloc::vec::Vec;

    /// Compiles and verifies; every test goes through here, so every emitted code object is
    /// checked by the verifier.
    fn ok(src: &str, mode: Mode) -> CodeObject {
        let code = compile(src, "<test>", mode).unwrap_or_else(|e| panic!("{src:?}: {e:?}"));
        if let Err(e) = verify(&code) {
            panic!("{src:?} failed verification: {e}\n{}", disassemble(&code));
        }
        code
    }

    fn dis(src: &str) -> String {
        disassemble(&ok(src, Mode::Exec))
    }

    fn err(src: &str) -> SyntaxError {
        match compile(src, "<test>", Mode::Exec) {
            Ok(c) => panic!("{src:?} compiled:\n{}", disassemble(&c)),
            Err(e) => e,
        }
    }

    /// The instruction names of the module code, in order.
    fn ops(src: &str) -> Vec<String> {
        let code = ok(src, Mode::Exec);
        crate::bytecode::opcode::instructions(&code.code)
            .map(|i| String::from(i.unwrap().opcode.name()))
            .collect()
    }

    #[test]
    fn simple_assignment_disassembles_exactly() {
        assert_eq!(
            dis("x = 1\ny = x + 70000\n"),
            "code <module> (line 1):\n   1     0 LOAD_SMALL_INT 1\n         3 STORE_NAME 0 (x)\n   2     6 LOAD_NAME 0 (x)\n         9 LOAD_CONST 0 (70000)\n        12 BINARY_OP 0 (+)\n        15 STORE_NAME 1 (y)\n        18 LOAD_NONE\n        19 RETURN_VALUE\n"
        );
    }

    #[test]
    fn modes_end_differently() {
        let eval = ok("1 + x", Mode::Eval);
        assert_eq!(
            eval.code.last(),
            Some(&(crate::bytecode::Opcode::RETURN_VALUE as u8))
        );
        assert!(disassemble(&eval).contains("BINARY_OP 0 (+)\n         9 RETURN_VALUE"));
        let single = disassemble(&ok("x\n", Mode::Single));
        assert!(
            single.contains("LOAD_NAME 0 (x)\n         3 PRINT_EXPR"),
            "{single}"
        );
        let exec = disassemble(&ok("x\n", Mode::Exec));
        assert!(exec.contains("POP_TOP") && !exec.contains("PRINT_EXPR"));
    }

    #[test]
    fn chained_comparison_shape() {
        assert_eq!(
            ops("a < b < c"),
            [
                "LOAD_NAME",
                "LOAD_NAME",
                "DUP_TOP",
                "ROT_THREE",
                "COMPARE_OP",
                "JUMP_IF_FALSE_OR_POP",
                "LOAD_NAME",
                "COMPARE_OP",
                "JUMP",
                "ROT_TWO",
                "POP_TOP",
                "POP_TOP",
                "LOAD_NONE",
                "RETURN_VALUE"
            ]
        );
    }

    #[test]
    fn try_except_has_handler_and_cleanup_entries() {
        let code = ok("try:\n    f()\nexcept E as e:\n    g(e)\n", Mode::Exec);
        let text = disassemble(&code);
        assert!(text.contains("PUSH_EXC_INFO"), "{text}");
        assert!(text.contains("CHECK_EXC_MATCH"), "{text}");
        assert!(text.contains("DELETE_NAME"), "{text}");
        // Body → handler at depth 0; handler code → cleanup at depth 1.
        let depths: Vec<u16> = code.exception_table.iter().map(|e| e.depth).collect();
        assert_eq!(depths.first(), Some(&0));
        assert!(depths.contains(&1), "{text}");
        assert!(code.max_stack >= 3);
    }

    /// Reviewed by hand against CPython 3.11's `dis` of the same code (no `lasti`, `NOP`s or
    /// `COPY`, otherwise the same layout).
    #[test]
    fn try_except_disassembles_exactly() {
        assert_eq!(
            dis("try:\n    f()\nexcept E:\n    g()\n"),
            "code <module> (line 1):
   2     0 LOAD_NAME 0 (f)
         3 CALL_FUNCTION 0
         6 POP_TOP
         7 JUMP 34
        10 PUSH_EXC_INFO
   3    11 LOAD_NAME 1 (E)
        14 CHECK_EXC_MATCH
        15 POP_JUMP_IF_FALSE 30
        18 POP_TOP
   4    19 LOAD_NAME 2 (g)
        22 CALL_FUNCTION 0
        25 POP_TOP
        26 POP_EXCEPT
        27 JUMP 34
        30 RERAISE
        31 ROT_TWO
        32 POP_EXCEPT
        33 RERAISE
        34 LOAD_NONE
        35 RETURN_VALUE
  exception 0 to 7 -> 10 [0]
  exception 11 to 26 -> 31 [1]
  exception 30 to 31 -> 31 [1]
"
        );
    }

    #[test]
    fn with_statement_shape() {
        let code = ok("with a as b:\n    c()\n", Mode::Exec);
        let text = disassemble(&code);
        for needle in [
            "BEFORE_WITH",
            "CALL_FUNCTION 3",
            "PUSH_EXC_INFO",
            "WITH_EXCEPT_START",
            "POP_JUMP_IF_TRUE",
            "RERAISE",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        // The body's handler keeps `exit` on the stack: depth 1.
        assert_eq!(code.exception_table[0].depth, 1);
    }

    #[test]
    fn return_inside_finally_and_with_runs_cleanups_inline() {
        let src = "def f():\n    with m:\n        try:\n            return 1\n        finally:\n            g()\n";
        let code = ok(src, Mode::Exec);
        let Const::Code(f) = &code.consts[0] else {
            panic!()
        };
        let text = disassemble(f);
        // Return path: value, finally body inline, exit call, then RETURN_VALUE.
        let ret = text.find("LOAD_SMALL_INT 1").unwrap();
        let g_call = text[ret..].find("LOAD_GLOBAL").unwrap() + ret;
        let exit_call = text[g_call..].find("CALL_FUNCTION 3").unwrap() + g_call;
        let ret_value = text[exit_call..].find("RETURN_VALUE").unwrap() + exit_call;
        assert!(
            ret < g_call && g_call < exit_call && exit_call < ret_value,
            "{text}"
        );
    }

    #[test]
    fn break_and_continue_unwind_loops_and_handlers() {
        ok(
            "for i in x:\n  try:\n    if i: break\n    continue\n  except E:\n    break\n  finally:\n    pass\nelse:\n  y()\n",
            Mode::Exec,
        );
        ok(
            "while 1:\n  with a:\n    for j in k:\n      break\n    continue\n",
            Mode::Exec,
        );
        assert_eq!(err("break").msg, "'break' outside loop");
        assert_eq!(
            err("def f():\n  continue").msg,
            "'continue' not properly in loop"
        );
        assert_eq!(
            err("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass").msg,
            "default 'except:' must be last"
        );
    }

    #[test]
    fn generators_start_with_return_generator() {
        let code = ok("def g():\n    x = yield 1\n    yield from x\n", Mode::Exec);
        let Const::Code(g) = &code.consts[0] else {
            panic!()
        };
        assert!(g.flags.contains(CodeFlags::GENERATOR));
        assert_eq!(g.code[0], crate::bytecode::Opcode::RETURN_GENERATOR as u8);
        let text = disassemble(g);
        assert!(text.contains("YIELD_VALUE") && text.contains("GET_YIELD_FROM_ITER"));
        let code = ok("async def c():\n    await d()\n", Mode::Exec);
        let Const::Code(c) = &code.consts[0] else {
            panic!()
        };
        assert!(c.flags.contains(CodeFlags::COROUTINE));
        assert!(disassemble(c).contains("GET_AWAITABLE"));
    }

    #[test]
    fn comprehensions_are_called_with_the_first_iterator() {
        let code = ok("r = [x * y for x in a if x for y in b]\n", Mode::Exec);
        let text = disassemble(&code);
        assert!(
            text.contains("MAKE_FUNCTION 0\n")
                && text.contains("GET_ITER\n")
                && text.contains("CALL_FUNCTION 1"),
            "{text}"
        );
        let Const::Code(comp) = &code.consts[0] else {
            panic!()
        };
        assert_eq!(comp.varnames[0], ".0");
        assert_eq!(comp.qualname, "<listcomp>");
        let inner = disassemble(comp);
        assert!(inner.contains("LIST_APPEND 3"), "{inner}");
        ok(
            "d = {k: v for k, v in x}\ns = {a for a in b}\ng = (a for a in b)\n",
            Mode::Exec,
        );
    }

    #[test]
    fn closures_and_class_cells() {
        let code = ok(
            "def f(a):\n    def g():\n        return a\n    return g\nclass A(B):\n    def m(self):\n        return super().m()\n",
            Mode::Exec,
        );
        let Const::Code(f) = &code.consts[0] else {
            panic!()
        };
        assert_eq!(f.cellvars, ["a"]);
        assert_eq!(f.cell_args, [(0, 0)]);
        let ftext = disassemble(f);
        assert!(
            ftext.contains("LOAD_CLOSURE 0 (a)") && ftext.contains("MAKE_FUNCTION 8"),
            "{ftext}"
        );
        let class_body = code
            .consts
            .iter()
            .find_map(|c| match c {
                Const::Code(c) if c.flags.contains(CodeFlags::CLASS_BODY) => Some(c.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(class_body.cellvars, ["__class__"]);
        let text = disassemble(&class_body);
        assert!(
            text.contains("LOAD_CLOSURE 0 (__class__)") && text.contains("(__classcell__)"),
            "{text}"
        );
        assert!(disassemble(&code).contains("LOAD_BUILD_CLASS"));
    }

    #[test]
    fn private_names_are_mangled() {
        let code = ok(
            "class A:\n    __x = 1\n    def __m(self, __p, *, __k=2):\n        self.__y = __p\n        return self.__m(__k)\n",
            Mode::Exec,
        );
        let text = disassemble(&code);
        for needle in [
            "STORE_NAME 3 (_A__x)",
            "(_A__m)",
            "STORE_ATTR 0 (_A__y)",
            "LOAD_METHOD 1 (_A__m)",
            "LOAD_FAST 1 (_A__p)",
            "\"_A__k\"",
            "code A.__m",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        assert!(disassemble(&ok("__x = 1\nclass __B: pass\n", Mode::Exec))
            .contains("STORE_NAME 0 (__x)"));
    }

    #[test]
    fn calls_choose_the_right_form() {
        let text = dis("f(1, k=2)\no.m(1)\no.m(k=1)\nf(*a, **k)\nprint(x, end='')\n");
        for needle in [
            "CALL_FUNCTION_KW 2",
            "LOAD_METHOD",
            "CALL_METHOD 1",
            "CALL_METHOD_KW 1",
            "CALL_FUNCTION_EX 1",
            "LIST_TO_TUPLE",
            "DICT_MERGE 1",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        assert!(text.contains("(\"end\",)"), "{text}");
    }

    #[test]
    fn fstrings_use_format_value_and_build_string() {
        let text = dis("s = f'a{x!r:>{w}}b{y=}'\n");
        assert!(text.contains("FORMAT_VALUE 6"), "{text}");
        assert!(text.contains("FORMAT_VALUE 2"), "{text}");
        assert!(text.contains("BUILD_STRING"), "{text}");
    }

    #[test]
    fn imports() {
        let text =
            dis("import a.b.c\nimport a.b as d\nfrom .. m import x as y, z\nfrom q import *\n");
        for needle in [
            "IMPORT_NAME 0 (a.b.c)",
            "STORE_NAME 1 (a)",
            "IMPORT_FROM",
            "IMPORT_STAR",
            "LOAD_SMALL_INT 2",
            "(\"x\", \"z\")",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
    }

    #[test]
    fn unpacking_and_augmented_assignment() {
        let text = dis("a, *b, c = x\na[i] += 1\no.f -= 2\n(p, q) = r\n");
        for needle in [
            "UNPACK_EX 257 (1 before, 1 after)",
            "DUP_TOP_TWO",
            "ROT_THREE",
            "BINARY_OP 16 (+=)",
            "BINARY_OP 17 (-=)",
            "UNPACK_SEQUENCE 2",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
    }

    #[test]
    fn constants_fold_and_small_ints_are_inline() {
        let code = ok(
            "x = (1, 2, ('a', None))\ny = -5\nz = -9223372036854775808\n",
            Mode::Exec,
        );
        assert!(code.consts.contains(&Const::Tuple(alloc::vec![
            Const::Int(1),
            Const::Int(2),
            Const::Tuple(alloc::vec![Const::Str("a".into()), Const::None])
        ])));
        assert!(disassemble(&code).contains("LOAD_SMALL_INT -5"));
        assert!(code.consts.contains(&Const::Int(i64::MIN)));
    }

    #[test]
    fn long_displays_keep_the_stack_small() {
        let mut src = String::from("x = [");
        for i in 0..1000 {
            src.push_str(&alloc::format!("a{i}, "));
        }
        src.push_str("]\nf(");
        for i in 0..1000 {
            src.push_str(&alloc::format!("a{i}, "));
        }
        src.push_str(")\n");
        let code = ok(&src, Mode::Exec);
        assert!(code.max_stack < 40, "{}", code.max_stack);
    }

    #[test]
    fn line_table_follows_statements() {
        let code = ok("a = 1\n\nb = 2\nif a:\n    c = 3\n", Mode::Exec);
        let lines: Vec<u32> = code.line_table.iter().map(|l| l.1).collect();
        assert_eq!(lines, [1, 3, 4, 5]);
        assert_eq!(code.line_for_pc(0), 1);
    }

    #[test]
    fn compile_errors_carry_position_and_text() {
        let e = err("x = 1\ny = (1 +\n    2 +)\n");
        assert_eq!(
            (e.line, e.text.as_str(), e.filename.as_str()),
            (3, "    2 +)", "<test>")
        );
        let e = compile("é = 'abc", "f.py", Mode::Exec).unwrap_err();
        assert_eq!((e.column, e.text.as_str()), (5, "é = 'abc"));
        let e = compile("if x:\n", "<stdin>", Mode::Single).unwrap_err();
        assert!(e.incomplete_input);
        assert_eq!(e.kind, ErrorKind::Indentation);
        assert_eq!(err("x = *a").msg, "can't use starred expression here");
        assert_eq!(err("a\0").msg, "source code cannot contain null bytes");
    }

    #[test]
    fn reasonable_nesting_compiles_with_the_default_budget() {
        let src = String::from("x = ") + &"f(".repeat(20) + "1" + &")".repeat(20);
        ok(&src, Mode::Exec);
        let mut nested = String::new();
        for i in 0..30 {
            nested.push_str(&" ".repeat(i));
            nested.push_str("if x:\n");
        }
        nested.push_str(&" ".repeat(30));
        nested.push_str("pass\n");
        ok(&nested, Mode::Exec);
    }

    #[test]
    fn finally_duplication_is_bounded() {
        // Every `return` gets its own copy of the `finally` body: quadratic output.
        let mut src = String::from("def f():\n try:\n");
        for _ in 0..300 {
            src.push_str("  if a: return 1\n");
        }
        src.push_str(" finally:\n");
        for _ in 0..300 {
            src.push_str("  g(a, b)\n");
        }
        assert_eq!(err(&src).msg, "code too complex");
        // A few levels are fine: each exit path gets its own copy, as in CPython.
        ok(
            "def f():\n try:\n  try:\n   return 1\n  finally:\n   a()\n finally:\n  b()\n",
            Mode::Exec,
        );
    }

    /// Control flow through every kind of block, checked by the verifier.
    #[test]
    fn tricky_control_flow_verifies() {
        let programs = [
            "def f():\n try:\n  pass\n finally:\n  return 1\n",
            "def f():\n for x in y:\n  try:\n   return x\n  except E as e:\n   return e\n  finally:\n   continue\n",
            "def f():\n while 1:\n  with a as b, c as d:\n   try:\n    break\n   finally:\n    return 2\n",
            "def f():\n try:\n  try:\n   raise\n  except:\n   raise\n except (A, B) as e:\n  del e\n else:\n  return\n finally:\n  x = 1\n",
            "for a in b:\n for c in d:\n  try:\n   continue\n  finally:\n   break\nelse:\n pass\n",
            "async def f():\n with a:\n  return await b\n",
            "def g():\n try:\n  yield 1\n finally:\n  yield 2\n",
            "def f():\n x = [i for i in range(3) if (y := i)]\n return lambda: (x, y)\n",
            "class A:\n def f(self):\n  return __class__\n x = [super for _ in ()]\n",
            "def f():\n with a:\n  with b:\n   for c in d:\n    with e:\n     return c\n",
        ];
        for src in programs {
            ok(src, Mode::Exec);
        }
    }

    /// Compiles every module of the host's CPython standard library (`MOTE_PY_LIB`, default
    /// `/usr/lib/python3.11`) and verifies the result; only documented unsupported features
    /// may fail. Prints the throughput. Run with
    /// `cargo test --release -p mote-vm --lib stdlib_corpus -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs a CPython standard library on the host"]
    fn stdlib_corpus() {
        let root = std::env::var("MOTE_PY_LIB").unwrap_or_else(|_| "/usr/lib/python3.11".into());
        let mut dirs = alloc::vec![std::path::PathBuf::from(root)];
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "py") {
                    files.push(path);
                }
            }
        }
        let unsupported = [
            "'match' statements are not supported",
            "async generators are not supported",
            "complex numbers are not supported",
            "(unicode error)",
            "asynchronous comprehensions are not supported",
            "'await' inside a comprehension is not supported",
        ];
        let (mut bytes, mut compiled, mut skipped) = (0, 0, 0);
        let start = std::time::Instant::now();
        for path in &files {
            let Ok(src) = std::fs::read_to_string(path) else {
                continue;
            };
            bytes += src.len();
            match compile(&src, &path.to_string_lossy(), Mode::Exec) {
                Ok(code) => {
                    compiled += 1;
                    verify(&code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                }
                Err(e) => {
                    assert!(
                        unsupported.iter().any(|u| e.msg.starts_with(u)),
                        "{}:{}: {}",
                        path.display(),
                        e.line,
                        e.msg
                    );
                    skipped += 1;
                }
            }
        }
        let secs = start.elapsed().as_secs_f64();
        std::println!(
            "{compiled} modules compiled and verified, {skipped} use unsupported features; {bytes} bytes in {secs:.2} s ({:.1} MB/s)",
            bytes as f64 / secs / 1e6
        );
        assert!(compiled > 0);
    }

    /// Found by the fuzzer: handlers whose protected range is empty are unreachable.
    #[test]
    fn empty_try_bodies_verify() {
        ok(
            "while x:\n    try:\n        a: b\n    finally:\n        pass\n",
            Mode::Exec,
        );
        ok("try:\n    pass\nexcept E:\n    pass\n", Mode::Exec);
        ok("with a:\n    pass\n", Mode::Exec);
    }

    #[test]
    fn windows_newlines_are_accepted() {
        ok("if x:\r\n    y = '''a\r\nb'''\r\n", Mode::Exec);
        assert_eq!(normalize_newlines("a\r\r\nb\rc\r\n\r"), "a\n\nb\nc\n\n");
        assert_eq!(normalize_newlines("\r"), "\n");
        let e = compile("x = 1\r\né = = 2\r\n", "<t>", Mode::Exec).unwrap_err();
        assert_eq!((e.line, e.column, e.text.as_str()), (2, 5, "é = = 2"));
    }

    #[test]
    fn sample_program_compiles_and_verifies() {
        let code = ok(crate::compile::parser::tests::SAMPLE, Mode::Exec);
        let text = disassemble(&code);
        assert!(text.contains("code K.method"), "{text}");
        assert!(text.contains("code gen.<locals>.inner"), "{text}");
    }

    #[test]
    fn deep_nesting_fails_cleanly_on_a_small_stack() {
        // A caller on a 256 KiB stack gives the compiler a budget below that.
        let compile = |src: &str, mode| compile_with_budget(src, "<t>", mode, 128 * 1024);
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let openers = ["(", "[", "{", "f(", "x[", "lambda: (", "-", "not ", "{1: "];
                for open in openers {
                    let src = open.repeat(10_000) + "x";
                    let e = compile(&src, Mode::Exec).unwrap_err();
                    let expected = [
                        "too many nested parentheses",
                        "expression too deeply nested",
                    ];
                    assert!(expected.contains(&e.msg.as_str()), "{open}: {}", e.msg);
                }
                let closed = "(".repeat(10_000) + "1" + &")".repeat(10_000);
                assert!(compile(&closed, Mode::Eval).is_err());
                let mut nested = String::new();
                for i in 0..99 {
                    nested.push_str(&" ".repeat(i));
                    nested.push_str("if x:\n");
                }
                nested.push_str(&" ".repeat(99));
                nested.push_str("pass\n");
                // 99 nested blocks fit in 128 KiB when optimised (release frames are smaller),
                // not in a debug build: either way the compiler answers without overflowing.
                if let Err(e) = compile(&nested, Mode::Exec) {
                    let expected = [
                        "too many nested parentheses",
                        "expression too deeply nested",
                    ];
                    assert!(expected.contains(&e.msg.as_str()), "{}", e.msg);
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }
}

#[cfg(test)]
mod nesting_tests {
    use super::*;

    /// The deepest nesting of `open` … `close` around `1` that compiles in `budget` bytes of
    /// stack, by bisection.
    fn deepest(open: &str, close: &str, budget: usize) -> usize {
        let (mut lo, mut hi) = (0usize, 201usize);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            let src = open.repeat(mid) + "1" + &close.repeat(mid);
            if compile_with_budget(&src, "<t>", Mode::Exec, budget).is_ok() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Stack per level of brackets through parser, symbol table and code generator, printed
    /// for each bracket shape (`cargo test -p mote-vm --lib stack_per_level -- --nocapture`),
    /// and 200 levels of each compile within the default budget, as in CPython.
    #[test]
    fn stack_per_level_and_200_levels_compile() {
        // Unoptimised frames are about ten times the optimised ones, so a debug build gets a
        // proportionally larger budget for the 200 levels.
        let budget = if cfg!(debug_assertions) {
            DEFAULT_STACK_BUDGET * 8
        } else {
            DEFAULT_STACK_BUDGET
        };
        std::thread::Builder::new()
            .stack_size(budget * 2)
            .spawn(move || {
                let shapes = [
                    ("(", ")"),
                    ("[", "]"),
                    ("{", "}"),
                    ("{1: ", "}"),
                    ("f(", ")"),
                    ("x[", "]"),
                    ("(-", ")"),
                    ("(lambda: ", ")"),
                ];
                for (open, close) in shapes {
                    let small = 256 * 1024;
                    let n = deepest(open, close, small);
                    std::println!(
                        "{open:>10} … {close}: {n} levels in {small} bytes ({} bytes a level)",
                        small / n.max(1)
                    );
                    let src = open.repeat(200) + "1" + &close.repeat(200);
                    compile_with_budget(&src, "<t>", Mode::Exec, budget)
                        .unwrap_or_else(|e| panic!("{open}: 200 levels: {}", e.msg));
                    let src = open.repeat(201) + "1" + &close.repeat(201);
                    let e = compile_with_budget(&src, "<t>", Mode::Exec, budget).unwrap_err();
                    assert_eq!(e.msg, "too many nested parentheses", "{open}");
                }
            })
            .unwrap()
            .join()
            .unwrap();
    }
}

#[cfg(test)]
mod statement_at_a_time_tests {
    use super::*;
    use crate::bytecode::disasm::disassemble;

    fn msg(src: &str) -> String {
        match compile(src, "<t>", Mode::Exec) {
            Ok(_) => String::from("compiled"),
            Err(e) => e.msg,
        }
    }

    #[test]
    fn module_names_carry_across_statements() {
        assert_eq!(
            msg("x = 1\nglobal x\n"),
            "name 'x' is assigned to before global declaration"
        );
        assert_eq!(
            msg("print(y)\nglobal y\n"),
            "name 'y' is used prior to global declaration"
        );
        let code = compile("global z\nz = 1\n", "<t>", Mode::Exec).unwrap();
        assert!(disassemble(&code).contains("STORE_GLOBAL"));
    }

    /// CPython parses the whole module before analysing it, and analyses all of it before
    /// generating code, so a later syntax error wins over an earlier scope error, and a later
    /// scope error over an earlier code generation error.
    #[test]
    fn errors_come_in_cpythons_order() {
        assert_eq!(msg("nonlocal a\nx = (\n"), "'(' was never closed");
        assert_eq!(
            msg("break\nnonlocal a\n"),
            "nonlocal declaration not allowed at module level"
        );
        assert_eq!(msg("break\n"), "'break' outside loop");
    }

    #[test]
    fn constants_and_names_are_shared_by_the_module_unit() {
        let code = compile("a = 'text'\nb = 'text'\nc = a\n", "<t>", Mode::Exec).unwrap();
        assert_eq!(code.consts.len(), 1);
        assert_eq!(code.names, ["a", "b", "c"]);
    }

    #[test]
    fn int_and_str_constants_share_one_index_without_mixing() {
        // The str's bytes are the int's little-endian bytes.
        let code = compile(
            "a = 70000\nb = 'p\\x11\\x01\\0\\0\\0\\0\\0'\nc = 70000\nd = 'p\\x11\\x01\\0\\0\\0\\0\\0'\ne = 1099511627776\n",
            "<t>",
            Mode::Exec,
        )
        .unwrap();
        assert_eq!(
            code.consts,
            [
                crate::bytecode::Const::Int(70000),
                crate::bytecode::Const::Str(String::from("p\x11\x01\0\0\0\0\0")),
                crate::bytecode::Const::Int(1 << 40),
            ]
        );
    }
}
