import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Histogram {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer first = new StringTokenizer(in.readLine());
        int n = Integer.parseInt(first.nextToken());
        double gamma = Double.parseDouble(first.nextToken());
        long[] hist = new long[256];
        StringTokenizer st = new StringTokenizer(in.readLine());
        for (int i = 0; i < n; i++) hist[Integer.parseInt(st.nextToken())]++;
        int darkest = 0;
        while (hist[darkest] == 0) darkest++;
        long cmin = hist[darkest];
        double[] curve = new double[256];
        if (cmin == n) {
            for (int v = 0; v < 256; v++) curve[v] = v;
        } else {
            long running = 0;
            for (int v = 0; v < 256; v++) {
                running += hist[v];
                if (v >= darkest) curve[v] = 255.0 * Math.pow((double) (running - cmin) / (double) (n - cmin), gamma);
            }
        }
        double total = 0;
        StringBuilder out = new StringBuilder();
        for (int v = 0; v < 256; v++) {
            total += hist[v] * curve[v];
            out.append(String.format("%.9f%n", curve[v]));
        }
        out.append(String.format("%.9f%n", total / n));
        System.out.print(out);
    }
}
