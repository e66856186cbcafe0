# sys.argv[0] names the script; sys.path is a mutable list of strings.
import sys
print(sys.argv[0].endswith("sys_argv_and_path.py"))
print(len(sys.argv))
before = len(sys.path)
sys.path.append("/nonexistent/dir/for/test")
print(len(sys.path) == before + 1, sys.path[-1])
sys.path.pop()
print(len(sys.path) == before)
