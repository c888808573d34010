/* launch: run one untrusted program under resource limits and report its rusage as JSON.
 *
 * usage: launch CPU_S WALL_MS FSIZE_BYTES NOFILE STACK_BYTES STDIN STDOUT STDERR CWD -- PROGRAM [ARGS...]
 *
 * A tiny static binary started by the harness for every compile and every test: forking the program from Python
 * would make ru_maxrss report the harness's own high-water mark, so the fork happens here.  The child gets its own
 * process group, stdin/stdout/stderr redirected to files, RLIMIT_CPU / RLIMIT_FSIZE / RLIMIT_NOFILE / RLIMIT_STACK and
 * no core dumps (resident memory is limited by the container's cgroup, never by RLIMIT_AS), and a clean environment
 * inherited from the harness.  The wall-clock limit is enforced here with SIGKILL to the whole process group.
 * Output (one line on stdout): {"exited":1,"code":0,"signal":0,"cpu_ms":..,"wall_ms":..,"maxrss_kb":..,"wall_timeout":0}
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_limit(int resource, rlim_t soft, rlim_t hard) {
    struct rlimit rl = {soft, hard};
    setrlimit(resource, &rl);
}

static int redirect(const char *path, int fd, int flags) {
    int f = open(path, flags, 0600);
    if (f < 0) return -1;
    if (f != fd) {
        if (dup2(f, fd) < 0) return -1;
        close(f);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 12 || strcmp(argv[10], "--") != 0) {
        fprintf(stderr, "usage: launch CPU_S WALL_MS FSIZE NOFILE STACK STDIN STDOUT STDERR CWD -- PROGRAM [ARGS...]\n");
        return 2;
    }
    long cpu_s = atol(argv[1]);
    long long wall_ms = atoll(argv[2]);
    long long fsize = atoll(argv[3]);
    long nofile = atol(argv[4]);
    long long stack = atoll(argv[5]);
    const char *in_path = argv[6], *out_path = argv[7], *err_path = argv[8], *cwd = argv[9];
    char **prog = argv + 11;

    /* Not dumpable: the program (same uid) can neither ptrace us nor open /proc/<us>/fd/1 to forge the report. */
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);

    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);

    long long start = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        printf("{\"error\":\"fork failed: %s\"}\n", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, &old, NULL);
        setpgid(0, 0);
        if (redirect(in_path, 0, O_RDONLY) || redirect(out_path, 1, O_WRONLY | O_CREAT | O_TRUNC) ||
            redirect(err_path, 2, O_WRONLY | O_CREAT | O_TRUNC)) {
            _exit(126);
        }
        if (chdir(cwd) != 0) _exit(126);
        for (int fd = 3; fd < 1024; fd++) close(fd);
        /* The OOM killer should pick the program, never the harness. */
        int adj = open("/proc/self/oom_score_adj", O_WRONLY);
        if (adj >= 0) { if (write(adj, "1000", 4) < 0) {} close(adj); }
        set_limit(RLIMIT_CORE, 0, 0);
        if (cpu_s > 0) set_limit(RLIMIT_CPU, (rlim_t)cpu_s, (rlim_t)cpu_s + 1);
        if (fsize > 0) set_limit(RLIMIT_FSIZE, (rlim_t)fsize, (rlim_t)fsize);
        if (nofile > 0) set_limit(RLIMIT_NOFILE, (rlim_t)nofile, (rlim_t)nofile);
        if (stack > 0) set_limit(RLIMIT_STACK, (rlim_t)stack, (rlim_t)stack);
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
        execvp(prog[0], prog);
        fprintf(stderr, "cannot execute %s: %s\n", prog[0], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);

    int status = 0, wall_timeout = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        pid_t r = wait4(pid, &status, WNOHANG, &ru);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) {
            printf("{\"error\":\"wait4 failed: %s\"}\n", strerror(errno));
            return 1;
        }
        long long left = wall_ms - (now_ms() - start);
        if (left <= 0) {
            wall_timeout = 1;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {}
            break;
        }
        struct timespec ts = {left / 1000, (left % 1000) * 1000000};
        if (ts.tv_sec > 0 || ts.tv_nsec > 50000000) { ts.tv_sec = 0; ts.tv_nsec = 50000000; }
        sigtimedwait(&chld, NULL, &ts);
    }
    long long wall = now_ms() - start;
    kill(-pid, SIGKILL); /* whatever the program left in its group */

    long long cpu = (long long)ru.ru_utime.tv_sec * 1000 + ru.ru_utime.tv_usec / 1000 +
                    (long long)ru.ru_stime.tv_sec * 1000 + ru.ru_stime.tv_usec / 1000;
    int exited = WIFEXITED(status), code = exited ? WEXITSTATUS(status) : -1;
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    printf("{\"exited\":%d,\"code\":%d,\"signal\":%d,\"cpu_ms\":%lld,\"wall_ms\":%lld,\"maxrss_kb\":%ld,\"wall_timeout\":%d}\n",
           exited, code, sig, cpu, wall, ru.ru_maxrss, wall_timeout);
    fflush(stdout);
    return 0;
}
