#!/usr/bin/env python3
"""parity-sweep.py -- `whamm check` and `whamm instr` agree on every opcode
rule, and every output whamm writes is a valid module.

usage: parity-sweep.py WHAMM WORKDIR MODULE...

For every rule `whamm info -l` lists for the opcode package (every mode but
`alt`, whose body must leave the instruction's results: a module question)
whose opcode occurs in one of MODULE (the smallest such module is used), a
probe reads every bound variable the rule offers (`var vN: T = NAME;`, a
bound map through one entry).  Variables `whamm check` refuses are left
out, one by one, so the probe holds exactly what check accepts.  Then:

  * `whamm instr` must not crash and must not answer "not supported by
    whamm instr yet" for what check accepted (a located error that names
    the module's reason -- an address on a 64-bit memory -- is fine);
  * when it succeeds, the output must pass whamm's own validator
    (`whamm roundtrip`, which checks every body's types).

Exit status 1 with one paragraph per failure; 0 when all agree.
"""
import json
import os
import subprocess
import sys

DECLARABLE = {'u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64', 'f32',
              'f64', 'bool', 'str', 'funcref'}


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def opcodes_of(module):
    """The mnemonics of the instructions a module holds (wasm-objdump -d)."""
    out = run('wasm-objdump', '-d', module).stdout
    ops = set()
    for line in out.splitlines():
        if '|' in line:
            words = line.split('|', 1)[1].split()
            if words:
                ops.add(words[0])
    return ops


def reads_for(var, k):
    """A declaration reading bound variable var, or None."""
    name, ty = var['name'], var['type']
    if var['engine_only'] or '[' in name:
        return None
    if ty in DECLARABLE:
        return f'    var v{k}: {ty} = {name};'
    if ty.startswith('map<') and ty.endswith(',u32>'):
        return f'    var v{k}: u32 = {name}[0];'
    return None


def probe(rule, lines):
    return rule + ' {\n' + ''.join(l + '\n' for l in lines) + '}\n'


def checks(whamm, path, text):
    with open(path, 'w') as f:
        f.write(text)
    return run(whamm, 'check', path).returncode == 0


def main():
    whamm, work, modules = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    ops = {m: opcodes_of(m) for m in modules}
    rules = run(whamm, 'info', '-l').stdout.split()
    script = os.path.join(work, 'probe.mm')
    out = os.path.join(work, 'out.wasm')
    failures, swept = [], 0
    for rule in rules:
        parts = rule.split(':')
        if len(parts) != 4 or parts[1] != 'opcode' or parts[3] == 'alt':
            continue
        having = [m for m in modules if parts[2] in ops[m]]
        if not having:
            continue
        module = min(having, key=os.path.getsize)
        info = json.loads(run(whamm, 'info', '--rule', rule, '--json').stdout)
        variables = [v for e in info['events'] for v in e['bound_vars']]
        lines = [l for k, v in enumerate(variables)
                 if (l := reads_for(v, k)) is not None]
        if not checks(whamm, script, probe(rule, lines)):
            lines = [l for l in lines
                     if checks(whamm, script, probe(rule, [l]))]
            checks(whamm, script, probe(rule, lines))
        swept += 1
        r = run(whamm, 'instr', '--app', module, '--script', script, '-o', out)
        text = open(script).read()
        if r.returncode not in (0, 1) or 'not supported by whamm instr' in r.stderr:
            failures.append((rule, module, r.stderr, text))
        elif r.returncode == 1 and 'error:' not in r.stderr:
            failures.append((rule, module, 'exit 1 without an error', text))
        elif r.returncode == 0:
            v = run(whamm, 'roundtrip', out, '-o', os.devnull)
            if v.returncode != 0:
                failures.append((rule, module, 'invalid output:\n' + v.stderr,
                                 text))
    for rule, module, why, text in failures:
        print(f'FAIL {rule} on {os.path.basename(module)}:\n{why.strip()}\n'
              f'{text}')
    print(f'parity-sweep: {swept} rules, {len(failures)} failures')
    if swept < 200:
        print('parity-sweep: too few rules swept: the modules lack opcodes?')
        return 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
