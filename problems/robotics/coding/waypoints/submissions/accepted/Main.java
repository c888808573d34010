import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

public class Main {
    private static final DataInputStream in = new DataInputStream(System.in);
    private static final byte[] buf = new byte[1 << 16];
    private static int len = 0, ptr = 0;

    private static int read() throws IOException {
        if (ptr == len) {
            len = in.read(buf, 0, buf.length);
            ptr = 0;
            if (len <= 0) return -1;
        }
        return buf[ptr++];
    }

    private static long nextLong() throws IOException {
        int c = read();
        while (c != '-' && (c < '0' || c > '9')) c = read();
        boolean neg = c == '-';
        if (neg) c = read();
        long r = 0;
        while (c >= '0' && c <= '9') {
            r = r * 10 + (c - '0');
            c = read();
        }
        return neg ? -r : r;
    }

    // binary min-heap of (key, node) with lazy deletion
    private static long[] keys;
    private static int[] nodes;
    private static int size = 0;

    private static void push(long k, int v) {
        int i = size++;
        while (i > 0) {
            int p = (i - 1) >> 1;
            if (keys[p] <= k) break;
            keys[i] = keys[p];
            nodes[i] = nodes[p];
            i = p;
        }
        keys[i] = k;
        nodes[i] = v;
    }

    private static void pop() {
        long k = keys[--size];
        int v = nodes[size];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && keys[c + 1] < keys[c]) c++;
            if (keys[c] >= k) break;
            keys[i] = keys[c];
            nodes[i] = nodes[c];
            i = c;
        }
        keys[i] = k;
        nodes[i] = v;
    }

    public static void main(String[] args) throws IOException {
        int n = (int) nextLong(), m = (int) nextLong();
        int[] head = new int[n + 1], nxt = new int[m], to = new int[m];
        long[] wt = new long[m];
        Arrays.fill(head, -1);
        for (int j = 0; j < m; j++) {
            int u = (int) nextLong();
            to[j] = (int) nextLong();
            wt[j] = nextLong();
            nxt[j] = head[u];
            head[u] = j;
        }
        long[] dist = new long[n + 1];
        Arrays.fill(dist, Long.MAX_VALUE);
        keys = new long[m + 2];
        nodes = new int[m + 2];
        dist[1] = 0;
        push(0, 1);
        while (size > 0) {
            long d = keys[0];
            int u = nodes[0];
            pop();
            if (d > dist[u]) continue;
            if (u == n) break;
            for (int e = head[u]; e != -1; e = nxt[e]) {
                long nd = d + wt[e];
                if (nd < dist[to[e]]) {
                    dist[to[e]] = nd;
                    push(nd, to[e]);
                }
            }
        }
        System.out.println(dist[n] == Long.MAX_VALUE ? -1 : dist[n]);
    }
}
