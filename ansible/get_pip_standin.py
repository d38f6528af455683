# Stand-in for the pip bootstrap script ansible-test downloads from ci-files.testing.ansible.com
# (unreachable without general network access). ansible-test runs it in a fresh virtual
# environment with pip's install arguments (`pip==24.2 …`); this installs pip with ensurepip,
# then runs `pip install` with those arguments against the configured package index.
# ansible/test.sh copies it to $HOME/.ansible/test/cache/get_pip_24_2.py.
import subprocess
import sys

ARGS = [a for a in sys.argv[1:] if a not in ('--no-setuptools', '--no-wheel')]
subprocess.check_call([sys.executable, '-m', 'ensurepip', '--default-pip'])
subprocess.check_call([sys.executable, '-m', 'pip', 'install', '-q'] + ARGS)
