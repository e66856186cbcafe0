# A chain of 120 modules, each importing the next while it is being imported: every import
# runs inside the one before it.
import os
import sys

folder = 'import_chain_tmp'
count = 120
os.mkdir(folder)
try:
    for i in range(count):
        with open(folder + '/chain_%d.py' % i, 'w') as f:
            if i + 1 < count:
                f.write('import chain_%d\n' % (i + 1))
                f.write('depth = chain_%d.depth + 1\n' % (i + 1))
            else:
                f.write('depth = 1\n')
    sys.path.insert(0, folder)
    import chain_0
    print(chain_0.depth)
    print(sum(1 for name in sys.modules if name.startswith('chain_')))
finally:
    for i in range(count):
        os.remove(folder + '/chain_%d.py' % i)
    os.rmdir(folder)
