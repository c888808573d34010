#include <cstdio>
#include <string>
#include <vector>

int main() {
    int h, w;
    if (std::scanf("%d %d", &h, &w) != 2) return 1;
    std::vector<std::string> grid(h);
    static char buf[512];
    int start = -1, goal = -1;
    for (int i = 0; i < h; ++i) {
        if (std::scanf("%511s", buf) != 1) return 1;
        grid[i] = buf;
        for (int j = 0; j < w; ++j) {
            if (grid[i][j] == 'S') start = i * w + j;
            if (grid[i][j] == 'G') goal = i * w + j;
        }
    }
    const int di[4] = {-1, 1, 0, 0}, dj[4] = {0, 0, -1, 1};
    const char name[4] = {'U', 'D', 'L', 'R'};
    std::vector<int> came(static_cast<size_t>(h) * w, -1), queue;
    queue.reserve(came.size());
    came[start] = 4;
    queue.push_back(start);
    for (size_t head = 0; head < queue.size() && came[goal] < 0; ++head) {
        int c = queue[head], i = c / w, j = c % w;
        for (int m = 0; m < 4; ++m) {
            int y = i + di[m], x = j + dj[m];
            if (y < 0 || y >= h || x < 0 || x >= w || grid[y][x] == '#') continue;
            int o = y * w + x;
            if (came[o] >= 0) continue;
            came[o] = m;
            queue.push_back(o);
        }
    }
    if (came[goal] < 0) {
        std::puts("-1");
        return 0;
    }
    std::string path;
    for (int c = goal; c != start;) {
        int m = came[c];
        path.push_back(name[m]);
        c -= di[m] * w + dj[m];
    }
    std::printf("%zu\n", path.size());
    for (size_t k = path.size(); k-- > 0;) std::putchar(path[k]);
    std::putchar('\n');
    return 0;
}
