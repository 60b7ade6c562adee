/* interp.c -- switch statements and function pointers.
 * A small stack-machine bytecode interpreter whose dispatch is a dense
 * switch (compiled to br_table); a calculator that calls through a table of
 * function pointers (call_indirect) including callbacks passed as arguments;
 * a character-class state machine (switch over chars, with ranges and
 * fall-through); a sparse switch.  Deterministic; exit code 0. */
#include <stdio.h>
#include <string.h>

enum { OP_PUSH, OP_POP, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_DUP, OP_SWAP, OP_JZ, OP_JMP,
       OP_LOAD, OP_STORE, OP_LT, OP_PRINT, OP_HALT };

static int run(const int *code, int *vars, int trace_prints) {
  int stack[64], sp = 0, pc = 0, steps = 0;
  for (;;) {
    steps++;
    int op = code[pc++];
    switch (op) {
    case OP_PUSH: stack[sp++] = code[pc++]; break;
    case OP_POP: sp--; break;
    case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case OP_DIV: sp--; stack[sp - 1] /= stack[sp]; break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
    case OP_JZ: { int target = code[pc++]; if (stack[--sp] == 0) pc = target; } break;
    case OP_JMP: pc = code[pc]; break;
    case OP_LOAD: stack[sp++] = vars[code[pc++]]; break;
    case OP_STORE: vars[code[pc++]] = stack[--sp]; break;
    case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case OP_PRINT: if (trace_prints) printf("  print %d\n", stack[sp - 1]); sp--; break;
    case OP_HALT: return steps;
    default: printf("bad opcode %d\n", op); return -1;
    }
  }
}

/* sum = 0; i = 1; while (i < 101) { sum += i; i++; } print sum
 * main() appends "JMP 8; LOAD 0; PRINT; HALT" and patches the JZ target. */
static const int sum_prog[] = {
  OP_PUSH, 0, OP_STORE, 0,            /* 0: sum = 0 */
  OP_PUSH, 1, OP_STORE, 1,            /* 4: i = 1 */
  OP_LOAD, 1, OP_PUSH, 101, OP_LT,    /* 8: i < 101 */
  OP_JZ, -1,                          /* 13: target patched by main() */
  OP_LOAD, 0, OP_LOAD, 1, OP_ADD, OP_STORE, 0, /* 15: sum += i */
  OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_STORE, 1, /* 22: i++  (ends at 28) */
};

/* factorial of 10, printing every partial product */
static const int fact_prog[] = {
  OP_PUSH, 1, OP_STORE, 0,            /* 0: acc = 1 */
  OP_PUSH, 1, OP_STORE, 1,            /* 4: n = 1 */
  OP_LOAD, 1, OP_PUSH, 11, OP_LT,     /* 8: n < 11 */
  OP_JZ, 33,                          /* 13 */
  OP_LOAD, 0, OP_LOAD, 1, OP_MUL, OP_DUP, OP_PRINT, OP_STORE, 0, /* 15: acc *= n; print */
  OP_LOAD, 1, OP_PUSH, 1, OP_ADD, OP_STORE, 1, /* 24: n++ */
  OP_JMP, 8,                          /* 31 */
  OP_LOAD, 0, OP_PUSH, 7, OP_SWAP, OP_SUB, OP_PRINT, /* 33: print 7 - acc */
  OP_HALT,
};

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int divi(int a, int b) { return b ? a / b : 0; }
static int maxi(int a, int b) { return a > b ? a : b; }
static const struct { const char *name; binop fn; } ops[] = {
  {"add", add}, {"sub", sub}, {"mul", mul}, {"div", divi}, {"max", maxi},
};

static int fold(const int *xs, int n, binop f, int init) {
  int acc = init;
  for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
  return acc;
}

static const char *classify(char c) {
  switch (c) {
  case ' ': case '\t': case '\n': return "space";
  case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9': return "digit";
  case '+': case '-': case '*': case '/': return "op";
  case '(': case ')': return "paren";
  default:
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') return "ident";
    return "other";
  }
}

static int sparse(int x) {
  switch (x) {
  case 1: return 10;
  case 100: return 20;
  case 1000: return 30;
  case -5: return 40;
  case 65536: return 50;
  default: return 0;
  }
}

int main(void) {
  int vars[4] = {0};
  /* sum_prog: append the loop back-edge and the exit code, patch the JZ target */
  int prog[64];
  int n = (int)(sizeof sum_prog / sizeof sum_prog[0]);
  memcpy(prog, sum_prog, sizeof sum_prog);
  prog[n++] = OP_JMP; prog[n++] = 8;   /* 29 */
  prog[14] = n;                        /* JZ target: after the JMP */
  prog[n++] = OP_LOAD; prog[n++] = 0; prog[n++] = OP_PRINT; prog[n++] = OP_HALT;
  int steps = run(prog, vars, 1);
  printf("sum program: sum=%d i=%d steps=%d\n", vars[0], vars[1], steps);

  memset(vars, 0, sizeof vars);
  steps = run(fact_prog, vars, 1);
  printf("fact program: acc=%d steps=%d\n", vars[0], steps);

  static const int bad[] = {OP_PUSH, 1, 99};
  printf("bad program returns %d\n", run(bad, vars, 0));

  int xs[] = {84, 2, 7, -3};
  for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++)
    printf("%s(84,2)=%d fold=%d\n", ops[i].name, ops[i].fn(84, 2), fold(xs, 4, ops[i].fn, 1));

  const char *text = "x1 = (foo_bar + 42) * y\t/ 7;";
  int counts[6] = {0};
  static const char *kinds[6] = {"space", "digit", "op", "paren", "ident", "other"};
  for (const char *p = text; *p; p++) {
    const char *k = classify(*p);
    for (int i = 0; i < 6; i++)
      if (strcmp(k, kinds[i]) == 0) counts[i]++;
  }
  for (int i = 0; i < 6; i++) printf("%s=%d%s", kinds[i], counts[i], i == 5 ? "\n" : " ");

  int s = 0;
  int probes[] = {1, 100, 1000, -5, 65536, 2, 0, 999};
  for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) s = s * 3 + sparse(probes[i]);
  printf("sparse checksum=%d\n", s);
  return 0;
}
