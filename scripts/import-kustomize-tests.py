#!/usr/bin/env python3
"""Turns kustomize's own Go tests into differential cases (inputs only).

Reads api/krusty/*_test.go (the krusty harness: th.WriteK / th.WriteC /
th.WriteF, then th.Run or th.RunWithErr) and plugin/builtin/*/*_test.go
(th.LoadAndRunTransformer / RunTransformerAndCheckResult /
LoadAndRunGenerator ...: a plugin config and its input objects, which
become a kustomization listing them) and writes, for every test whose
arguments are literal strings, testdata/kustomize/<prefix>-<file>-<test>/in/.
Expected outputs are then recorded with scripts/regen-kustomize-testdata.sh
(kubectl kustomize is the oracle; nothing here writes an expectation).

Usage: import-kustomize-tests.py KUSTOMIZE_CHECKOUT OUT_DIR FILE.go...
Tests that need exec/Go plugins, helm, the network, or that build their
inputs in code are skipped and listed on stderr.
"""
import os
import re
import sys

FUNC = re.compile(r'^func (Test\w*)\(t \*testing\.T\) \{$', re.M)


def go_string(src, i):
    """Parses a Go string literal at src[i]; returns (value, end) or None."""
    if src[i] == '`':
        j = src.index('`', i + 1)
        return src[i + 1:j], j + 1
    if src[i] == '"':
        j, out = i + 1, []
        while src[j] != '"':
            if src[j] == '\\':
                c = src[j + 1]
                out.append({'n': '\n', 't': '\t', '"': '"', '\\': '\\'}.get(c, '\\' + c))
                j += 2
            else:
                out.append(src[j])
                j += 1
        return ''.join(out), j + 1
    return None


def consts_of(src):
    """File-level `const/var name = `...`` string constants."""
    out = {}
    for m in re.finditer(r'(?m)^\s*(?:const|var)?\s*(\w+)\s*=\s*([`"])', src):
        v = go_string(src, m.start(2))
        if v:
            out[m.group(1)] = v[0]
    return out


def arg(src, i, consts):
    """One call argument: a literal, a constant, or literal + literal."""
    parts = []
    while True:
        while src[i] in ' \t\n':
            i += 1
        v = go_string(src, i)
        if v:
            parts.append(v[0])
            i = v[1]
        else:
            m = re.match(r'\w+', src[i:])
            if not m or m.group(0) not in consts:
                return None, i
            parts.append(consts[m.group(0)])
            i += len(m.group(0))
        while src[i] in ' \t\n':
            i += 1
        if src[i] != '+':
            return ''.join(parts), i
        i += 1


def body_of(src, start):
    end = src.find('\n}\n', start)
    return src[start:end if end >= 0 else len(src)]


def case_name(prefix, path, test, n):
    stem = os.path.basename(path).replace('_test.go', '').lower()
    name = re.sub(r'^Test', '', test)
    name = re.sub(r'(?<=[a-z0-9])(?=[A-Z])', '-', name).lower()
    name = re.sub(r'[^a-z0-9-]+', '-', name).strip('-')
    return f'{prefix}-{stem}-{name}' + (f'-{n}' if n > 1 else '')


def rel(p):
    p = os.path.normpath(p)
    return '' if p in ('.', '/') else p.lstrip('/')


def write_case(out_dir, name, files, root, args):
    d = os.path.join(out_dir, name)
    os.makedirs(os.path.join(d, 'in'), exist_ok=True)
    for path, content in files.items():
        full = os.path.join(d, 'in', path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w') as f:
            f.write(content)
    if root:
        with open(os.path.join(d, 'root'), 'w') as f:
            f.write(root + '\n')
    if args:
        with open(os.path.join(d, 'args'), 'w') as f:
            f.write(' '.join(args) + '\n')


KUST_HEADER = {
    'WriteK': '\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n',
    'WriteC': '\napiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
}
CALL = re.compile(r'\bth\.(WriteK|WriteC|WriteF|Run|RunWithErr|LoadAndRunTransformer|'
                  r'RunTransformerAndCheckResult|RunTransformerAndCheckError|'
                  r'ErrorFromLoadAndRunTransformer|LoadAndRunGenerator|'
                  r'LoadAndRunGeneratorWithBuildAnnotations)\(')
SKIP = re.compile(r'PluginsEnabled|PrepExecPlugin|BuildGoPlugin|ErrIfNoHelm|'
                  r'EnableHelm|HelmConfig|MakeEnhancedHarnessWithTmpRoot|'
                  r'ResetLoaderRoot|fSys\.|MkDir|for _, |t\.Run\(|https://')


def options_args(body):
    args = []
    if 'LoadRestrictionsNone' in body:
        args += ['--load-restrictor', 'LoadRestrictionsNone']
    if re.search(r'AddManagedbyLabel\s*=\s*true', body):
        args.append('--enable-managedby-label')
    if 'ReorderOptionNone' in body:
        args += ['--reorder', 'none']
    elif 'ReorderOptionLegacy' in body:
        args += ['--reorder', 'legacy']
    return args


def inline_helpers(src, path, consts):
    """Rewrites calls of a test file's small write helpers (a function whose
    body writes one literal, or a testdata file, at a path argument) into
    th.WriteF calls, so that the tests using them can be imported."""
    testdata = os.path.join(os.path.dirname(path), 'testdata')
    for m in re.finditer(r'(?ms)^func (write\w+)\(th [\w.]+, (\w+) string\) \{\n(.*?)^\}', src):
        name, param, body = m.groups()
        rd = re.search(r'os\.ReadFile\("\./testdata/([\w.]+)"\)', body)
        wf = re.search(r'th\.WriteF\(' + param + r'(?:\s*\+\s*"([^"]*)")?,\s*(`|string\(bytes\))', body)
        if not wf:
            continue
        if rd:
            content = open(os.path.join(testdata, rd.group(1))).read()
        else:
            content = go_string(body, wf.start(2))[0]
        key = '__' + name
        consts[key] = content
        suffix = wf.group(1) or ''
        src = re.sub(name + r'\(th, "([^"]*)"\)',
                     lambda c: f'th.WriteF("{c.group(1)}{suffix}", {key})', src)
    return src


def import_file(path, prefix, out_dir):
    src = open(path).read()
    consts = consts_of(src)
    src = inline_helpers(src, path, consts)
    made, skipped = [], []
    for m in FUNC.finditer(src):
        test = m.group(1)
        body = body_of(src, m.end())
        if SKIP.search(body):
            skipped.append((test, 'plugins, helm, loops or a real file system'))
            continue
        files, n, ok = {}, 0, True
        for c in CALL.finditer(body):
            fn = c.group(1)
            i = c.end()
            a, i = arg(body, i, consts)
            if fn in ('Run', 'RunWithErr'):
                if a is None:
                    ok = False
                    break
                n += 1
                write_case(out_dir, case_name(prefix, path, test, n), files,
                           rel(a), options_args(body))
                made.append(case_name(prefix, path, test, n))
                continue
            rest = []
            while body[i] in ' \t\n':
                i += 1
            while body[i] == ',':
                b, i = arg(body, i + 1, consts)
                rest.append(b)
                while body[i] in ' \t\n':
                    i += 1
            if a is None or (fn.startswith('Write') and (not rest or rest[0] is None)):
                ok = False
                break
            if fn in ('WriteK', 'WriteC'):
                files[os.path.join(rel(a), 'kustomization.yaml')] = KUST_HEADER[fn] + rest[0]
            elif fn == 'WriteF':
                files[rel(a)] = rest[0]
            else:
                # A plugin run: the config, then (transformers) the objects.
                gen = 'Generator' in fn
                fs = dict(files)
                fs['plugin-config.yaml'] = a
                k = '\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'
                if not gen:
                    if not rest or rest[0] is None:
                        ok = False
                        break
                    fs['resources.yaml'] = rest[0]
                    if rest[0].strip():
                        k += 'resources:\n- resources.yaml\n'
                k += ('generators' if gen else 'transformers') + ':\n- plugin-config.yaml\n'
                fs['kustomization.yaml'] = k
                n += 1
                write_case(out_dir, case_name(prefix, path, test, n), fs, '', [])
                made.append(case_name(prefix, path, test, n))
        if not ok:
            skipped.append((test, 'inputs built in code'))
        elif n == 0:
            skipped.append((test, 'no run'))
    return made, skipped


def main():
    out_dir = sys.argv[2]
    total_made, total_skipped = 0, 0
    for path in sys.argv[3:]:
        prefix = 'p' if '/plugin/builtin/' in path else 'k'
        made, skipped = import_file(path, prefix, out_dir)
        total_made += len(made)
        total_skipped += len(skipped)
        for t, why in skipped:
            print(f'skip {os.path.basename(path)} {t}: {why}', file=sys.stderr)
    print(f'{total_made} cases written, {total_skipped} tests skipped', file=sys.stderr)


if __name__ == '__main__':
    main()
