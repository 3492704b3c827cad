"""What the benchmark scripts share: running commands, free ports, wrk, a throwaway PostgreSQL cluster."""
import atexit, os, re, shutil, socket, subprocess, sys, tempfile, time, urllib.request


def sh(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode:
        sys.exit(f'{cmd[0]} failed: {r.stdout[-500:]} {r.stderr[-500:]}')
    return r.stdout


def run(main, procs, work):
    """Runs `main`, then, however it ended, stops what it started (`procs`, newest first) and removes `work`."""
    try:
        main()
    finally:
        for stop in reversed(procs):
            try:
                stop()
            except Exception:
                pass
        shutil.rmtree(work, ignore_errors=True)


def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p


def wait_ready(url, proc, timeout=600, poll=0.2):
    """Waits until `url` answers 2xx, asking every `poll` seconds; exits when `proc` ends first or `timeout` seconds pass."""
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            sys.exit(f'process exited with {proc.returncode}')
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(poll)
    sys.exit(f'{url} not ready in {timeout} s')


_PERCENTILES = None


def wrk(url, seconds, headers=(), connections=64):
    """Runs wrk (two threads; one for one connection) against `url`; returns requests/s, p95 and p99 in ms, and the
    count of non-2xx/3xx answers. wrk prints no p95 of its own: a Lua `done` hook prints both percentiles exactly."""
    global _PERCENTILES
    if _PERCENTILES is None:
        fd, _PERCENTILES = tempfile.mkstemp(prefix='artsouk-wrk-', suffix='.lua')
        with os.fdopen(fd, 'w') as f:
            f.write('done = function(summary, latency, requests)\n'
                    '  io.write(string.format("P95 %.3f\\nP99 %.3f\\n", latency:percentile(95) / 1000, latency:percentile(99) / 1000))\nend\n')
        atexit.register(os.remove, _PERCENTILES)
    cmd = ['wrk', '-t2' if connections > 1 else '-t1', f'-c{connections}', f'-d{seconds}s', '-s', _PERCENTILES]
    cmd += sum([['-H', h] for h in headers], []) + [url]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rps = re.search(r'Requests/sec:\s+([\d.]+)', out)
    if rps is None:
        sys.exit(f'wrk gave no figures for {url}: {out[-500:]}')
    p95, p99 = (float(re.search(rf'P{n} ([\d.]+)', out).group(1)) for n in (95, 99))
    bad = re.search(r'Non-2xx or 3xx responses:\s+(\d+)', out)
    return float(rps.group(1)), p95, p99, int(bad.group(1)) if bad else 0


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIN = ('bench@artsouk.test', 'Bench-Admin-Pass-2026!')


def publish_host(work):
    """Publishes the host as it is deployed (Release, ReadyToRun) under `work`; returns the folder."""
    out = os.path.join(work, 'host')
    sh(['dotnet', 'publish', os.path.join(ROOT, 'src/ArtSouk.Host'), '-c', 'Release', '-o', out, '--nologo'])
    return out


def seeded_stores(work, procs, environment):
    """The embedded SQLite store and, where the server binaries are installed, a throwaway PostgreSQL cluster: for each,
    its name and the host's environment to start on it empty with the demo seed (data under `work`)."""
    stores = [('SQLite', {})]
    conn = postgres(work, procs)
    if conn:
        stores.append(('PostgreSQL', {'Database__Provider': 'Postgres', 'Database__ConnectionString': conn}))
    return [(name, dict(os.environ, ASPNETCORE_ENVIRONMENT=environment, ArtSouk__DataPath=os.path.join(work, 'data-' + name),
                        ArtSouk__Seed='true', ArtSouk__Admin__Email=ADMIN[0], ArtSouk__Admin__Password=ADMIN[1],
                        DOTNET_CLI_TELEMETRY_OPTOUT='1', **extra))
            for name, extra in stores]


def publish_bare_kestrel(work):
    """Publishes the baseline every read is compared with, a bare Kestrel "Hello World", under `work`; returns its dll."""
    base_dir = os.path.join(work, 'baseline')
    sh(['dotnet', 'new', 'web', '-n', 'baseline', '-o', base_dir, '--force'])
    with open(os.path.join(base_dir, 'Program.cs'), 'w') as f:
        f.write('var b = WebApplication.CreateSlimBuilder(args); b.Logging.ClearProviders();\n'
                'var app = b.Build(); app.MapGet("/", () => "Hello World!"); app.Run();\n')
    sh(['dotnet', 'publish', base_dir, '-c', 'Release', '-o', os.path.join(base_dir, 'out')])
    return os.path.join(base_dir, 'out', 'baseline.dll')


def postgres(work, procs, settings=''):
    """Starts a cluster from the installed server binaries under `work` (fsync off); returns its connection string,
    or None where no server is installed. Its stop is appended to `procs`."""
    versions = sorted(os.listdir('/usr/lib/postgresql'), reverse=True) if os.path.isdir('/usr/lib/postgresql') else []
    if not versions:
        return None
    bindir = f'/usr/lib/postgresql/{versions[0]}/bin'
    data, sock = os.path.join(work, 'pg'), os.path.join(work, 'sock')
    os.makedirs(sock)
    as_pg = ['runuser', '-u', 'postgres', '--'] if os.geteuid() == 0 else []
    if as_pg: sh(['chown', '-R', 'postgres:postgres', work]); os.chmod(work, 0o755)
    port = free_port()
    sh(as_pg + [f'{bindir}/initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
    sh(as_pg + [f'{bindir}/pg_ctl', '-D', data, '-l', os.path.join(work, 'pg.log'), '-w', '-o',
                f'-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off {settings}', 'start'])
    procs.append(lambda: subprocess.run(as_pg + [f'{bindir}/pg_ctl', '-D', data, '-m', 'fast', 'stop'], capture_output=True))
    return f'Host=127.0.0.1;Port={port};Username=postgres;Database=postgres'


def house_ladder_above(p):
    """The default (house) ladder's next point strictly above p, in halalas: Ladder.Above in src/ArtSouk.Auctions/Rules/Ladder.cs."""
    rungs = [(0, [100_00])]
    scale = 1
    while scale <= 10_000:
        rungs += [(2_000_00 * scale, [200_00 * scale]), (3_000_00 * scale, [200_00 * scale, 300_00 * scale, 300_00 * scale, 200_00 * scale]),
                  (5_000_00 * scale, [500_00 * scale]), (10_000_00 * scale, [1_000_00 * scale])]
        scale *= 10
    rungs = sorted(dict(rungs).items())
    i = max(k for k, (f, _) in enumerate(rungs) if f <= p)
    start, steps = rungs[i]
    ceiling = rungs[i + 1][0] if i + 1 < len(rungs) else 1 << 62
    point = p - (p - start) % sum(steps)
    for step in steps:
        point += step
        if point > p: return min(point, ceiling)
    return min(point, ceiling)
