import java.io.DataInputStream;
import java.io.IOException;
import java.util.PriorityQueue;

public class MinHeap {
    private static final DataInputStream IN = new DataInputStream(new java.io.BufferedInputStream(System.in, 1 << 16));

    private static int next() throws IOException {
        int c = IN.read();
        while (c == ' ' || c == '\n') c = IN.read();
        boolean negative = c == '-';
        if (negative) c = IN.read();
        int value = 0;
        while (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            c = IN.read();
        }
        return negative ? -value : value;
    }

    public static void main(String[] args) throws IOException {
        int n = next(), k = next();
        PriorityQueue<Integer> top = new PriorityQueue<>();
        StringBuilder out = new StringBuilder();
        for (int t = 1; t <= n; t++) {
            int x = next();
            if (top.size() < k) {
                top.add(x);
            } else if (x > top.peek()) {
                top.poll();
                top.add(x);
            }
            if (t >= k) {
                if (t > k) out.append(' ');
                out.append(top.peek());
            }
        }
        out.append('\n');
        System.out.print(out);
    }
}
