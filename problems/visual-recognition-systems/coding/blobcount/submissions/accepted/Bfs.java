import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Bfs {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringTokenizer st = new StringTokenizer(in.readLine());
        int h = Integer.parseInt(st.nextToken());
        int w = Integer.parseInt(st.nextToken());
        boolean[] on = new boolean[h * w];
        for (int i = 0; i < h; i++) {
            String row = in.readLine();
            for (int j = 0; j < w; j++) on[i * w + j] = row.charAt(j) == '1';
        }
        int[] queue = new int[h * w];
        int blobs = 0;
        for (int s = 0; s < h * w; s++) {
            if (!on[s]) continue;
            blobs++;
            on[s] = false;
            int head = 0, tail = 0;
            queue[tail++] = s;
            while (head < tail) {
                int c = queue[head++];
                int i = c / w, j = c % w;
                if (i > 0 && on[c - w]) { on[c - w] = false; queue[tail++] = c - w; }
                if (i + 1 < h && on[c + w]) { on[c + w] = false; queue[tail++] = c + w; }
                if (j > 0 && on[c - 1]) { on[c - 1] = false; queue[tail++] = c - 1; }
                if (j + 1 < w && on[c + 1]) { on[c + 1] = false; queue[tail++] = c + 1; }
            }
        }
        System.out.println(blobs);
    }
}
