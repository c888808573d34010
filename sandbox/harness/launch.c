/* launch: run one untrusted program under limits, as another user, and report what it used as one JSON line.
 *
 * usage: launch KEY=VALUE... -- PROGRAM [ARGS...]     one run
 *        launch --serve                                  runs requested on stdin, one after another: each request is
 *                                                        its arguments (as above), each ended by a NUL byte, the
 *                                                        request by an empty one; one JSON line answers each
 *   uid, gid        the program's user and group (never the launcher's: it cannot signal or trace the launcher)
 *   cpu_ms          CPU time limit of ALL the program's processes together, read from the container's cgroup
 *   mem_kb          memory limit of all the program's processes together (resident memory, sampled; 0: none)
 *   wall_ms         wall-clock limit, not counting the time the program's main process (and the launcher, which
 *                   empties its output pipes) waited for a CPU (their threads' schedstat run delay): load on the
 *                   machine does not turn into a time-limit verdict
 *   wall_hard_ms    wall-clock limit, all time counted (default: wall_ms); the only one where the time spent waiting
 *                   for a CPU cannot be read (gVisor)
 *   fsize, nofile, stack   RLIMIT_FSIZE / RLIMIT_NOFILE / RLIMIT_STACK of every process (0: unchanged; stack -1:
 *                   unlimited, as the reference judges run programs)
 *   stdout_keep     >0: stdout is a pipe the launcher empties; the first stdout_keep bytes go to the stdout file, the
 *                   rest is discarded and only counted (the program keeps running until it ends or a limit stops it)
 *   stderr_keep     >0: the same for stderr; stderr_tail=1 keeps the last stderr_keep bytes instead of the first
 *   nproc           RLIMIT_NPROC (0: unchanged; only where the uid is private to the sandbox, as under gVisor)
 *   stdin, stdout, stderr  a file path, or fd:N for a descriptor inherited from the harness (interactive pipes)
 *   cwd             working directory
 *   env             KEY=VALUE for the program's environment (repeatable; nothing else is inherited)
 *
 * The launcher runs as root inside the container (with only the capabilities the harness needs) and is a child
 * subreaper, so every process the program starts, also those it never waits for and those that detach with setsid,
 * stays its descendant. It enforces the limits from outside the program: it polls the container's cgroup
 * (cpuacct.usage: CPU time of every process; memory.stat: resident memory of every process) and kills everything
 * when the CPU time or the wall-clock limit is used up. The program cannot stop or kill it (another uid), and
 * SIGUSR1 from the harness ends the run early (the other side of an interactive run gave its verdict).
 * When the program's main process exits, every other process of the program is killed and reaped: a helper that
 * takes the program's uid sends SIGKILL to every process of that uid (kill(-1)), so nothing of the judge is hit.
 * In --serve mode every run happens in a forked child of the server (a fresh subreaper and fresh rusage), which
 * saves the harness an exec per test.
 *
 * Output: {"exited":1,"code":0,"signal":0,"cpu_ms":..,"wall_ms":..,"maxrss_kb":..,"sum_rss_kb":..,
 *          "wall_timeout":0,"cpu_timeout":0,"oom_kill":0,"stopped_by_judge":0,"cgroup":1,
 *          "stdout_bytes":..,"stderr_bytes":..,"cpu_wait_ms":..,"wall_hard_timeout":0,"starved":0}
 * (cpu_wait_ms: the time forgiven under the wall limit, -1 where it cannot be read; wall_hard_timeout: the hard limit
 * ended the run; starved: it did so only because the program waited for a CPU, so the run says nothing about the
 * program's time)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *CPUACCT[] = {"/sys/fs/cgroup/cpuacct/cpuacct.usage", "/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage",
                                "/sys/fs/cgroup/cpuacct,cpu/cpuacct.usage", NULL};
static const char *MEMSTAT = "/sys/fs/cgroup/memory/memory.stat";
static const char *OOMCTL = "/sys/fs/cgroup/memory/memory.oom_control";

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int read_text(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0) return -1;
    buf[n] = 0;
    return (int)n;
}

static const char *cpuacct_path = NULL;

static long long cgroup_cpu_ns(void) {
    char buf[64];
    if (!cpuacct_path) return -1;
    if (read_text(cpuacct_path, buf, sizeof buf) <= 0) return -1;
    return atoll(buf);
}

/* A "key value" line of a cgroup file (memory.stat "total_rss", memory.oom_control "oom_kill"). */
static long long cgroup_value(const char *path, const char *key) {
    char buf[8192];
    if (read_text(path, buf, sizeof buf) <= 0) return -1;
    size_t klen = strlen(key);
    for (char *line = buf; line && *line; ) {
        char *next = strchr(line, '\n');
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') return atoll(line + klen + 1);
        line = next ? next + 1 : NULL;
    }
    return -1;
}

/* CPU time the harness (PID 1) and this launcher spent: subtracted from the cgroup's total. */
static long long schedstat_ns(const char *path) {
    char buf[128];
    if (read_text(path, buf, sizeof buf) <= 0) return 0;
    return atoll(buf);
}

static void set_limit(int resource, rlim_t soft, rlim_t hard) {
    struct rlimit rl = {soft, hard};
    setrlimit(resource, &rl);
}

static int open_std(const char *spec, int fd, int flags) {
    int f;
    if (strncmp(spec, "fd:", 3) == 0) {
        f = atoi(spec + 3);
    } else {
        f = open(spec, flags, 0600);
        if (f < 0) return -1;
    }
    if (f != fd) {
        if (dup2(f, fd) < 0) return -1;
        close(f);
    }
    return 0;
}

/* No capability at all, in every set: a process that took the program's uid keeps none (the kernel clears them on
 * setuid, gVisor does not in every version). */
static int drop_capabilities(void) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    return (int)syscall(SYS_capset, &header, data);
}

/* Kill every process of the program's uid, and reap our (adopted) children until none is left. Nothing to do when
 * the program left no process behind (the usual case); otherwise a helper that takes the program's uid sends SIGKILL
 * to every process of that uid, and a fork racing with the kill is caught by the next round. */
static void kill_and_reap(long uid) {
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    for (int round = 0; round < 10000; round++) {
        for (;;) {
            pid_t r = waitpid(-1, NULL, WNOHANG);
            if (r > 0) continue;
            if (r < 0 && errno == ECHILD) return;
            break;
        }
        pid_t helper = fork();
        if (helper == 0) {
            if (setuid((uid_t)uid) == 0 && drop_capabilities() == 0 && geteuid() == (uid_t)uid)
                kill(-1, SIGKILL);   /* every process of the uid but the helper itself */
            _exit(0);
        }
        if (helper > 0) while (waitpid(helper, NULL, 0) < 0 && errno == EINTR) {}
        struct timespec ts = {0, 1000000};
        sigtimedwait(&chld, NULL, &ts);
    }
}

/* Where the container has no cgroup files (gVisor), the program's processes are found in /proc (owned by its uid):
 * CPU time of every process seen (the last value seen is kept for processes that end, also those reaped by the
 * kernel without a wait), and the resident memory of all of them together. */
#define MAX_SEEN 1024
static struct { int pid; long long start; long long cpu_ticks; } seen[MAX_SEEN];
static int seen_count = 0;

static void scan_procs(long uid, long long *cpu_ns, long long *rss_bytes) {
    DIR *dir = opendir("/proc");
    long long rss = 0;
    if (dir) {
        struct dirent *entry;
        char path[64], buf[1024];
        while ((entry = readdir(dir)) != NULL) {
            if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
            struct stat st;
            snprintf(path, sizeof path, "/proc/%s", entry->d_name);
            if (stat(path, &st) != 0 || (long)st.st_uid != uid) continue;
            snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
            if (read_text(path, buf, sizeof buf) <= 0) continue;
            char *p = strrchr(buf, ')');
            if (!p) continue;
            /* fields after the command: state(3) ... utime(14) stime(15) ... starttime(22) vsize(23) rss(24) */
            long long f[25] = {0};
            int field = 3;
            for (char *tok = strtok(p + 2, " "); tok && field < 25; tok = strtok(NULL, " "), field++) {
                f[field] = atoll(tok);
            }
            int pid = atoi(entry->d_name);
            long long ticks = f[14] + f[15];
            rss += f[24] * sysconf(_SC_PAGESIZE);
            int k = 0;
            for (; k < seen_count; k++) if (seen[k].pid == pid && seen[k].start == f[22]) break;
            if (k == seen_count && seen_count < MAX_SEEN) { seen[k].pid = pid; seen[k].start = f[22]; seen_count++; }
            if (k < seen_count && ticks > seen[k].cpu_ticks) seen[k].cpu_ticks = ticks;
        }
        closedir(dir);
    }
    long long total = 0;
    for (int k = 0; k < seen_count; k++) total += seen[k].cpu_ticks;
    *cpu_ns = total * (1000000000LL / sysconf(_SC_CLK_TCK));
    *rss_bytes = rss;
}

static void close_from(int first) {
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 0) == 0) return;
    for (int fd = first; fd < 4096; fd++) close(fd);
}

/* The most any one thread of `pid` could have waited for a CPU because of something outside the container, in ns:
 * for each thread, its time waiting to run (the second field of its schedstat) plus its own CPU time (the first),
 * minus the CPU time of everything in the container since the run began (`container_cpu`: the program, the harness
 * relaying its bytes, this launcher). A thread that waits while another process of the container runs only waits as
 * long as that one runs, so a program cannot make this grow by keeping its own threads busy, waking them all at once
 * or flooding the harness. -1 where the kernel does not say (gVisor has no schedstat). */
static long long outside_wait_ns(pid_t pid, long long container_cpu) {
    char path[64], buf[128];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *dir = opendir(path);
    if (!dir) return -1;
    long long most = 0;
    int seen = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
        char file[96];
        snprintf(file, sizeof file, "/proc/%d/task/%s/schedstat", (int)pid, entry->d_name);
        if (read_text(file, buf, sizeof buf) <= 0) continue;
        char *space = strchr(buf, ' ');
        if (!space) continue;
        long long outside = atoll(buf) + atoll(space + 1) - container_cpu;
        if (outside > most) most = outside;
        seen = 1;
    }
    closedir(dir);
    return seen ? most : -1;
}

/* The time forgiven under the wall limit after `elapsed` ns (at most all of it): the most a thread of `pid` waited
 * for something outside the container, plus the launcher's own waiting while the program's output pipe was full
 * (`launcher_wait`) beyond the container's CPU time, which is what the program itself can make it wait for. -1 where
 * it cannot be read. */
static long long forgiven_wait_ns(pid_t pid, long long container_cpu, long long launcher_wait, long long elapsed) {
    long long waited = outside_wait_ns(pid, container_cpu);
    if (waited < 0) return -1;
    if (launcher_wait > container_cpu) waited += launcher_wait - container_cpu;
    return waited < elapsed ? waited : elapsed;
}

/* The time this launcher has waited for a CPU (ns), -1 where it cannot be read. */
static long long launcher_delay_ns(void) {
    char buf[128];
    if (read_text("/proc/self/schedstat", buf, sizeof buf) <= 0) return -1;
    char *space = strchr(buf, ' ');
    return space ? atoll(space + 1) : -1;
}

/* A captured output stream: a pipe the launcher empties. Head mode writes the first `keep` bytes to the file as they
 * come; tail mode keeps the last `keep` bytes in memory and writes them at the end. Everything else is counted and
 * discarded, so a program that floods its output neither fills a disk nor blocks: it runs on until it ends or a limit
 * stops it. */
struct capture {
    int fd;            /* the pipe's read end (-1: not captured) */
    int file;          /* where the kept bytes go */
    long long keep, total, kept;
    int tail;
    char *ring;        /* tail mode */
};

static void capture_write(int file, const char *data, size_t n) {
    while (n > 0) {
        ssize_t w = write(file, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;   /* a full /judge: the kept part is shorter, the count stays right */
        data += w;
        n -= (size_t)w;
    }
}

/* Whether a drain of `drained` bytes found the pipe full (the program was blocked writing): the pipe's size is read
 * now, since the program may have resized it from its end. */
static int capture_was_full(struct capture *c, long long drained) {
    if (c->fd < 0 || drained <= 0) return 0;
    int size = fcntl(c->fd, F_GETPIPE_SZ);
    return size > 0 && drained >= size;
}

/* Read what the pipe holds now; returns the number of bytes read. */
static long long capture_drain(struct capture *c) {
    static char chunk[1 << 16];
    long long got = 0;
    if (c->fd < 0) return 0;
    for (;;) {
        ssize_t n = read(c->fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) { close(c->fd); c->fd = -1; }   /* every writer is gone */
            return got;
        }
        got += n;
        c->total += n;
        if (c->tail) {
            const char *from = chunk;
            long long take = n;
            if (take > c->keep) { from += take - c->keep; c->kept += take - c->keep; take = c->keep; }
            while (take > 0) {   /* at most two pieces around the end of the ring */
                long long at = c->kept % c->keep, piece = c->keep - at < take ? c->keep - at : take;
                memcpy(c->ring + at, from, (size_t)piece);
                from += piece; c->kept += piece; take -= piece;
            }
        } else if (c->kept < c->keep) {
            long long room = c->keep - c->kept;
            size_t take = (size_t)(n < room ? n : room);
            capture_write(c->file, chunk, take);
            c->kept += (long long)take;
        }
    }
}

static void capture_finish(struct capture *c) {
    /* The program is gone: read to the end, but never wait long for it (a writer the kill missed must not hold the
     * judge: after 2 s the pipe is closed with what was read). */
    long long until = now_ns() + 2000000000LL;
    while (c->fd >= 0) {
        capture_drain(c);
        long long left = until - now_ns();
        if (c->fd < 0 || left <= 0) break;
        struct pollfd p = {c->fd, POLLIN, 0};
        poll(&p, 1, (int)(left / 1000000LL) + 1);
    }
    if (c->fd >= 0) { close(c->fd); c->fd = -1; }
    if (c->tail && c->ring) {
        long long have = c->kept < c->keep ? c->kept : c->keep, at = (c->kept - have) % c->keep;
        long long first = c->keep - at < have ? c->keep - at : have;
        capture_write(c->file, c->ring + at, (size_t)first);
        capture_write(c->file, c->ring, (size_t)(have - first));
        free(c->ring);
        c->ring = NULL;
    }
    if (c->file >= 0) { close(c->file); c->file = -1; }
}

/* Set up a capture of `spec` (a file path) keeping `keep` bytes; the program's end of the pipe goes to *write_end. */
static int capture_open(struct capture *c, const char *spec, long long keep, int tail, int *write_end) {
    c->fd = -1; c->file = -1; c->keep = keep; c->total = 0; c->kept = 0; c->tail = tail; c->ring = NULL;
    *write_end = -1;
    if (keep <= 0 || strncmp(spec, "fd:", 3) == 0) return 0;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0) return -1;
    fcntl(ends[0], F_SETPIPE_SZ, 1 << 20);   /* fewer wake-ups for large outputs; the default size where refused */
    fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK);   /* the program's end stays blocking */
    c->file = open(spec, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (c->file < 0) { close(ends[0]); close(ends[1]); return -1; }
    if (tail) {
        c->ring = malloc((size_t)keep);
        if (!c->ring) { close(ends[0]); close(ends[1]); return -1; }
    }
    c->fd = ends[0];
    *write_end = ends[1];
    return 0;
}

static int run_one(int argc, char **argv) {
    int idle = 0;
    long long cpu_ms = 0, wall_ms = 10000, wall_hard_ms = 0, fsize = 0, nofile = 0, stack = 0, nproc = 0, mem_kb = 0;
    long long stdout_keep = 0, stderr_keep = 0, stderr_tail = 0;
    long uid = 10001, gid = 10001;
    const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null", *cwd = "/";
    char *env[64];
    int envc = 0;
    int i = 0;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) { printf("{\"error\":\"bad argument %s\"}\n", argv[i]); return 2; }
        *eq = 0;
        const char *k = argv[i], *v = eq + 1;
        if (!strcmp(k, "uid")) uid = atol(v);
        else if (!strcmp(k, "gid")) gid = atol(v);
        else if (!strcmp(k, "cpu_ms")) cpu_ms = atoll(v);
        else if (!strcmp(k, "wall_ms")) wall_ms = atoll(v);
        else if (!strcmp(k, "wall_hard_ms")) wall_hard_ms = atoll(v);
        else if (!strcmp(k, "idle")) idle = atoi(v);
        else if (!strcmp(k, "stdout_keep")) stdout_keep = atoll(v);
        else if (!strcmp(k, "stderr_keep")) stderr_keep = atoll(v);
        else if (!strcmp(k, "stderr_tail")) stderr_tail = atoll(v);
        else if (!strcmp(k, "fsize")) fsize = atoll(v);
        else if (!strcmp(k, "nofile")) nofile = atoll(v);
        else if (!strcmp(k, "stack")) stack = atoll(v);
        else if (!strcmp(k, "nproc")) nproc = atoll(v);
        else if (!strcmp(k, "mem_kb")) mem_kb = atoll(v);
        else if (!strcmp(k, "stdin")) in = v;
        else if (!strcmp(k, "stdout")) out = v;
        else if (!strcmp(k, "stderr")) err = v;
        else if (!strcmp(k, "cwd")) cwd = v;
        else if (!strcmp(k, "env")) { if (envc < 63) env[envc++] = (char *)v; }
        else { printf("{\"error\":\"unknown option %s\"}\n", k); return 2; }
    }
    if (i + 1 >= argc || uid == 0 || uid == (long)getuid()) {
        printf("{\"error\":\"usage: launch uid=N ... -- PROGRAM [ARGS...] (uid other than the launcher's)\"}\n");
        return 2;
    }
    char **prog = argv + i + 1;
    env[envc] = NULL;

    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    for (int p = 0; CPUACCT[p]; p++) {
        if (access(CPUACCT[p], R_OK) == 0) { cpuacct_path = CPUACCT[p]; break; }
    }

    sigset_t wanted, old;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGCHLD);
    sigaddset(&wanted, SIGUSR1);
    sigprocmask(SIG_BLOCK, &wanted, &old);

    int status_pipe[2];
    if (pipe2(status_pipe, O_CLOEXEC) != 0) { printf("{\"error\":\"pipe failed\"}\n"); return 1; }
    struct capture cap_out, cap_err;
    int out_w = -1, err_w = -1;
    if (capture_open(&cap_out, out, stdout_keep, 0, &out_w) != 0 ||
        capture_open(&cap_err, err, stderr_keep, (int)stderr_tail, &err_w) != 0) {
        printf("{\"error\":\"cannot capture the output: %s\"}\n", strerror(errno));
        return 1;
    }

    long long oom_before = cgroup_value(OOMCTL, "oom_kill");
    long long rss_base = cgroup_value(MEMSTAT, "total_rss");
    long long cpu_base = cgroup_cpu_ns();
    long long own_base = schedstat_ns("/proc/1/schedstat") + schedstat_ns("/proc/self/schedstat");
    long long start = now_ns();
    pid_t pid = fork();
    if (pid < 0) { printf("{\"error\":\"fork failed: %s\"}\n", strerror(errno)); return 1; }
    if (pid == 0) {
        close(status_pipe[0]);
        sigprocmask(SIG_SETMASK, &old, NULL);
        setpgid(0, 0);
        if (idle) {   /* yield the core to any other process that wakes up (lowering a priority needs no privilege) */
            struct sched_param none = {0};
            sched_setscheduler(0, SCHED_IDLE, &none);
        }
        const char *step = "redirect";
        if (cap_out.fd >= 0) close(cap_out.fd);
        if (cap_err.fd >= 0) close(cap_err.fd);
        if (open_std(in, 0, O_RDONLY)) goto fail;
        if (out_w >= 0 ? (dup2(out_w, 1) < 0) : open_std(out, 1, O_WRONLY | O_CREAT | O_TRUNC)) goto fail;
        if (err_w >= 0 ? (dup2(err_w, 2) < 0) : open_std(err, 2, O_WRONLY | O_CREAT | O_TRUNC)) goto fail;
        step = "chdir";
        if (chdir(cwd) != 0) goto fail;
        if (status_pipe[1] != 3) {
            if (dup2(status_pipe[1], 3) < 0) goto fail;
            status_pipe[1] = 3;
            fcntl(3, F_SETFD, FD_CLOEXEC);
        }
        close_from(4);
        int adj = open("/proc/self/oom_score_adj", O_WRONLY);   /* the OOM killer picks the program, never us */
        if (adj >= 0) { if (write(adj, "1000", 4) < 0) {} close(adj); }
        set_limit(RLIMIT_CORE, 0, 0);
        if (cpu_ms > 0) set_limit(RLIMIT_CPU, (rlim_t)(cpu_ms / 1000 + 1), (rlim_t)(cpu_ms / 1000 + 2));
        if (fsize > 0) set_limit(RLIMIT_FSIZE, (rlim_t)fsize, (rlim_t)fsize);
        if (nofile > 0) set_limit(RLIMIT_NOFILE, (rlim_t)nofile, (rlim_t)nofile);
        if (stack > 0) set_limit(RLIMIT_STACK, (rlim_t)stack, (rlim_t)stack);
        if (stack < 0) set_limit(RLIMIT_STACK, RLIM_INFINITY, RLIM_INFINITY);
        if (nproc > 0) set_limit(RLIMIT_NPROC, (rlim_t)nproc, (rlim_t)nproc);
        step = "setuid";
        if (setgroups(0, NULL) != 0 || setgid((gid_t)gid) != 0 || setuid((uid_t)uid) != 0) goto fail;
        if (getuid() != (uid_t)uid || geteuid() != (uid_t)uid) goto fail;
        step = "drop capabilities";
        if (drop_capabilities() != 0) goto fail;
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
        clearenv();
        for (int e = 0; e < envc; e++) putenv(env[e]);
        execvp(prog[0], prog);
        step = "exec";
    fail:
        {
            char msg[256];
            int n = snprintf(msg, sizeof msg, "%s %s: %s", step, prog[0], strerror(errno));
            if (write(status_pipe[1], msg, (size_t)n) < 0) {}
            if (write(2, msg, (size_t)n) < 0) {}
        }
        _exit(127);
    }
    close(status_pipe[1]);
    if (out_w >= 0) close(out_w);
    if (err_w >= 0) close(err_w);
    setpgid(pid, pid);
    /* Pipes handed over for an interactive run belong to the program alone: the other side must see EOF when it
     * ends. */
    if (strncmp(in, "fd:", 3) == 0) close(atoi(in + 3));
    if (strncmp(out, "fd:", 3) == 0) close(atoi(out + 3));
    char exec_error[256] = "";
    ssize_t got = read(status_pipe[0], exec_error, sizeof exec_error - 1);   /* EOF once exec succeeded */
    if (got > 0) exec_error[got] = 0; else exec_error[0] = 0;
    close(status_pipe[0]);

    int status = 0, main_done = 0, wall_timeout = 0, hard_timeout = 0, cpu_timeout = 0, stopped = 0,
        memory_exceeded = 0, starved = 0;
    struct rusage main_ru;
    memset(&main_ru, 0, sizeof main_ru);
    long long peak_rss = 0, scan_cpu = 0;
    seen_count = 0;
    long long wall_limit = wall_ms * 1000000LL, cpu_limit = cpu_ms * 1000000LL;
    long long hard_limit = (wall_hard_ms > wall_ms ? wall_hard_ms : wall_ms) * 1000000LL, cpu_wait = 0;
    /* The launcher's own waiting while the program's output pipe was full (the program was blocked until the
     * launcher got a CPU to empty it): see forgiven_wait_ns. */
    long long own_delay = launcher_delay_ns(), launcher_wait = 0, container_cpu = 0;
    int wait_known = 1;
    int tick = 0;
    for (;;) {
        long long drained_out = capture_drain(&cap_out), drained_err = capture_drain(&cap_err);
        long long drained = drained_out + drained_err;
        if (own_delay >= 0) {
            long long delay = launcher_delay_ns();
            if (capture_was_full(&cap_out, drained_out) || capture_was_full(&cap_err, drained_err))
                launcher_wait += delay - own_delay;
            own_delay = delay;
        }
        for (;;) {
            struct rusage ru;
            int st;
            pid_t r = wait4(-1, &st, WNOHANG, &ru);
            if (r <= 0) break;
            if (r == pid) { status = st; main_ru = ru; main_done = 1; }
        }
        if (main_done) break;
        long long elapsed = now_ns() - start;
        if (rss_base >= 0) {
            long long rss = cgroup_value(MEMSTAT, "total_rss");
            if (rss - rss_base > peak_rss) peak_rss = rss - rss_base;
        }
        if (cpu_base >= 0) {
            container_cpu = cgroup_cpu_ns() - cpu_base;
            long long used = container_cpu -
                (schedstat_ns("/proc/1/schedstat") + schedstat_ns("/proc/self/schedstat") - own_base);
            if (cpu_limit > 0 && used > cpu_limit) { cpu_timeout = 1; break; }
        } else {
            long long rss = 0;
            scan_procs(uid, &scan_cpu, &rss);
            if (rss > peak_rss) peak_rss = rss;
            container_cpu = scan_cpu;
            if (cpu_limit > 0 && scan_cpu > cpu_limit) { cpu_timeout = 1; break; }
        }
        if (mem_kb > 0 && peak_rss > mem_kb * 1024LL) { memory_exceeded = 1; break; }
        if (elapsed >= hard_limit) {
            wall_timeout = hard_timeout = 1;
            /* Reaching the hard limit while the wait can be read means the wall limit kept forgiving time spent
             * waiting for a CPU: read it once more. Had the program not waited, would it still be inside the wall
             * limit? Then the machine starved it and no time-limit verdict is fair (the caller judges it again). */
            long long waited = forgiven_wait_ns(pid, container_cpu, launcher_wait, elapsed);
            if (waited >= 0 && hard_limit > wall_limit) {
                cpu_wait = waited;
                starved = elapsed - cpu_wait < wall_limit;
            }
            break;
        }
        if (elapsed >= wall_limit) {
            /* Past the limit: only the time the program spent waiting for a CPU is forgiven (a loaded machine);
             * sleeping, waiting for input or being stopped all count. Where that time cannot be read (gVisor), only
             * the hard limit applies. */
            long long waited = forgiven_wait_ns(pid, container_cpu, launcher_wait, elapsed);
            if (waited < 0) {
                wait_known = 0;
                cpu_wait = hard_limit - wall_limit;
            } else {
                cpu_wait = waited;
                if (elapsed - cpu_wait >= wall_limit) { wall_timeout = 1; break; }
            }
        }
        /* Wake up rarely (every wake-up takes the pinned core from the program): after 2, 4, 8 ms, then every 10 ms,
         * or after 1 ms while the program fills its output pipe; the program's exit wakes us at once (SIGCHLD). */
        long long wait = tick < 3 ? (2000000LL << tick) : 10000000LL;
        if (drained >= (1 << 18)) wait = 1000000LL;
        tick++;
        long long left = wall_limit + cpu_wait - elapsed;   /* the earliest the wall limit can be reached */
        if (left < 1000000LL) left = 1000000LL;
        if (left < wait) wait = left;
        if (hard_limit - elapsed < wait) wait = hard_limit - elapsed;
        struct timespec ts = {wait / 1000000000LL, wait % 1000000000LL};
        siginfo_t info;
        int sig = sigtimedwait(&wanted, &info, &ts);
        if (sig == SIGUSR1) { stopped = 1; break; }
    }
    long long wall = now_ns() - start;
    if (cpu_base < 0) {   /* processes the program leaves behind, as they are before the kill */
        long long rss = 0;
        scan_procs(uid, &scan_cpu, &rss);
    }
    if (!main_done) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        struct rusage ru;
        while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {}
        main_ru = ru;
    }
    kill_and_reap(uid);
    capture_finish(&cap_out);
    capture_finish(&cap_err);
    long long cpu_after = cgroup_cpu_ns();
    long long own = schedstat_ns("/proc/1/schedstat") + schedstat_ns("/proc/self/schedstat") - own_base;
    struct rusage all;
    getrusage(RUSAGE_CHILDREN, &all);
    long long rusage_cpu = (long long)all.ru_utime.tv_sec * 1000000000LL + all.ru_utime.tv_usec * 1000LL +
                           (long long)all.ru_stime.tv_sec * 1000000000LL + all.ru_stime.tv_usec * 1000LL;
    long long cpu = rusage_cpu;
    int have_cgroup = cpu_base >= 0 && cpu_after >= 0;
    if (have_cgroup) {
        long long cg = cpu_after - cpu_base - own;
        if (cg > cpu) cpu = cg;      /* the cgroup also sees processes whose usage rusage never collects */
    } else if (scan_cpu > cpu) {
        cpu = scan_cpu;
    }
    long long oom_after = cgroup_value(OOMCTL, "oom_kill");
    int exited = WIFEXITED(status), code = exited ? WEXITSTATUS(status) : -1;
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (cpu_timeout && cpu <= cpu_limit) cpu = cpu_limit + 1000000LL;
    printf("{\"exited\":%d,\"code\":%d,\"signal\":%d,\"cpu_ms\":%lld,\"wall_ms\":%lld,\"maxrss_kb\":%ld,"
           "\"sum_rss_kb\":%lld,\"wall_timeout\":%d,\"cpu_timeout\":%d,\"oom_kill\":%d,\"stopped_by_judge\":%d,"
           "\"cgroup\":%d,\"memory_exceeded\":%d,\"main_cpu_ms\":%lld,\"stdout_bytes\":%lld,\"stderr_bytes\":%lld,"
           "\"cpu_wait_ms\":%lld,\"wall_hard_timeout\":%d,\"starved\":%d,\"exec_error\":\"",
           exited, code, sig, cpu / 1000000LL, wall / 1000000LL, all.ru_maxrss, peak_rss / 1024, wall_timeout,
           cpu_timeout, (oom_before >= 0 && oom_after > oom_before) ? 1 : 0, stopped, have_cgroup, memory_exceeded,
           ((long long)main_ru.ru_utime.tv_sec * 1000 + main_ru.ru_utime.tv_usec / 1000 +
            (long long)main_ru.ru_stime.tv_sec * 1000 + main_ru.ru_stime.tv_usec / 1000),
           cap_out.total, cap_err.total, wait_known ? cpu_wait / 1000000LL : -1LL, hard_timeout,
           starved);
    for (char *c = exec_error; *c; c++) {
        if (*c == '"' || *c == '\\') putchar('\\');
        if ((unsigned char)*c >= 32) putchar(*c);
    }
    printf("\"}\n");
    fflush(stdout);
    return 0;
}

/* --serve: read NUL-separated requests, run each in a fresh child (its own subreaper and rusage). */
static int serve(void) {
    static char buf[1 << 20];
    size_t used = 0;
    for (;;) {
        /* a request ends with an empty argument: two NULs in a row */
        char *end = NULL;
        for (size_t k = 1; k < used; k++) if (buf[k] == 0 && buf[k - 1] == 0) { end = buf + k; break; }
        if (!end) {
            if (used == sizeof buf) { printf("{\"error\":\"request too long\"}\n"); fflush(stdout); return 1; }
            ssize_t n = read(0, buf + used, sizeof buf - used);
            if (n <= 0) return 0;
            used += (size_t)n;
            continue;
        }
        char *args[4096];
        int count = 0;
        for (char *p = buf; p < end - 1 && count < 4095; p += strlen(p) + 1) args[count++] = p;
        args[count] = NULL;
        /* The child's report comes back through a pipe and is passed on only once the child is gone, so the
         * harness never sees a run's process still alive after its report. */
        int report[2];
        if (pipe2(report, O_CLOEXEC) != 0) { printf("{\"error\":\"pipe failed\"}\n"); fflush(stdout); return 1; }
        pid_t child = fork();
        if (child == 0) {
            int null = open("/dev/null", O_RDONLY);   /* fds 0-2 stay taken: the run's own pipes are never 0, 1 or 2 */
            if (null > 0) { dup2(null, 0); close(null); }
            dup2(report[1], 1);
            _exit(run_one(count, args));
        }
        close(report[1]);
        static char line[65536];
        size_t got = 0;
        for (;;) {
            ssize_t n = read(report[0], line + got, sizeof line - 1 - got);
            if (n > 0) { got += (size_t)n; if (got < sizeof line - 1) continue; }
            if (n < 0 && errno == EINTR) continue;
            break;
        }
        close(report[0]);
        line[got] = 0;
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || got == 0) {
            printf("{\"error\":\"run failed (status %d)\"}\n", status);
        } else {
            fputs(line, stdout);
        }
        fflush(stdout);
        size_t consumed = (size_t)(end - buf) + 1;
        memmove(buf, buf + consumed, used - consumed);
        used -= consumed;
    }
}

int main(int argc, char **argv) {
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    if (argc == 2 && strcmp(argv[1], "--serve") == 0) return serve();
    return run_one(argc - 1, argv + 1);
}
