// A line diff (longest common subsequence): enough for action definitions of a few hundred lines.

/**
 * @returns {{op: ' '|'-'|'+', line: string}[]} the lines of {@code before} and {@code after} in order,
 *          marked unchanged, removed or added
 */
export function diffLines(before, after) {
    const a = before.split('\n');
    const b = after.split('\n');
    const common = Array.from({length: a.length + 1}, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
        for (let j = b.length - 1; j >= 0; j--) {
            common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
        }
    }
    const lines = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) {
            lines.push({op: ' ', line: a[i++]});
            j++;
        } else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) {
            lines.push({op: '+', line: b[j++]});
        } else {
            lines.push({op: '-', line: a[i++]});
        }
    }
    return lines;
}
