;; Kernels of the linear (softmax-regression) head, in WebAssembly SIMD (f32x4).
;; Compiled by scripts/build-wasm.mjs into linearWasm.ts; test/electron/worker/heads/simdEngine.test.ts
;; checks that the committed bytes still match this file.
;;
;; Layout (all pointers are byte offsets into the one memory; JS lays the buffers out):
;;   rows   row-major, `dp` floats per row, dp a multiple of 4 (zero padding past the
;;          real features), row count a multiple of 4 (zero rows past the real ones)
;;   w      the kernel transposed: kp rows (classes, kp a multiple of 4) of dp floats
;;   logits row-major, kp floats per row
;; A softmax regression's forward pass and its weight gradient are two GEMMs with a
;; skinny side (classes); these loops keep the skinny side in registers and stream
;; the rows once per 4 rows (forward) or once per 4 classes (gradient).
(module
  (memory (export "memory") 1)

  ;; out[r][c] = bias[c] + sum_d x[r][d] * w[c][d], 4 rows × 2 classes per block.
  (func (export "logits")
    (param $x i32) (param $rows i32) (param $dp i32) (param $w i32) (param $bias i32) (param $kp i32) (param $out i32)
    (local $rowBytes i32) (local $r i32) (local $c i32) (local $d i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $w0 i32) (local $w1 i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $wv0 v128) (local $wv1 v128) (local $xv v128) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $x1 (i32.add (local.get $x0) (local.get $rowBytes)))
        (local.set $x2 (i32.add (local.get $x1) (local.get $rowBytes)))
        (local.set $x3 (i32.add (local.get $x2) (local.get $rowBytes)))
        (local.set $c (i32.const 0))
        (block $classesDone
          (loop $classLoop
            (br_if $classesDone (i32.ge_u (local.get $c) (local.get $kp)))
            (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $c) (local.get $rowBytes))))
            (local.set $w1 (i32.add (local.get $w0) (local.get $rowBytes)))
            (local.set $a00 (v128.const i32x4 0 0 0 0)) (local.set $a01 (v128.const i32x4 0 0 0 0))
            (local.set $a10 (v128.const i32x4 0 0 0 0)) (local.set $a11 (v128.const i32x4 0 0 0 0))
            (local.set $a20 (v128.const i32x4 0 0 0 0)) (local.set $a21 (v128.const i32x4 0 0 0 0))
            (local.set $a30 (v128.const i32x4 0 0 0 0)) (local.set $a31 (v128.const i32x4 0 0 0 0))
            (local.set $d (i32.const 0))
            (block $dimsDone
              (loop $dimLoop
                (br_if $dimsDone (i32.ge_u (local.get $d) (local.get $rowBytes)))
                (local.set $wv0 (v128.load (i32.add (local.get $w0) (local.get $d))))
                (local.set $wv1 (v128.load (i32.add (local.get $w1) (local.get $d))))
                (local.set $xv (v128.load (i32.add (local.get $x0) (local.get $d))))
                (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $xv) (local.get $wv0))))
                (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $xv) (local.get $wv1))))
                (local.set $xv (v128.load (i32.add (local.get $x1) (local.get $d))))
                (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $xv) (local.get $wv0))))
                (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $xv) (local.get $wv1))))
                (local.set $xv (v128.load (i32.add (local.get $x2) (local.get $d))))
                (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $xv) (local.get $wv0))))
                (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $xv) (local.get $wv1))))
                (local.set $xv (v128.load (i32.add (local.get $x3) (local.get $d))))
                (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $xv) (local.get $wv0))))
                (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $xv) (local.get $wv1))))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $dimLoop)))
            ;; o = out + (r * kp + c) * 4
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $kp)) (local.get $c)) (i32.const 2))))
            (call $store2 (local.get $o) (local.get $bias) (local.get $c) (local.get $a00) (local.get $a01))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $kp) (i32.const 2))))
            (call $store2 (local.get $o) (local.get $bias) (local.get $c) (local.get $a10) (local.get $a11))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $kp) (i32.const 2))))
            (call $store2 (local.get $o) (local.get $bias) (local.get $c) (local.get $a20) (local.get $a21))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $kp) (i32.const 2))))
            (call $store2 (local.get $o) (local.get $bias) (local.get $c) (local.get $a30) (local.get $a31))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (br $classLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowLoop))))

  ;; out[0] = bias[c] + sum of a's lanes; out[1] = bias[c + 1] + sum of b's lanes.
  (func $store2 (param $o i32) (param $bias i32) (param $c i32) (param $a v128) (param $b v128)
    (local $bp i32)
    (local.set $bp (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 2))))
    (f32.store (local.get $o) (f32.add (f32.load (local.get $bp)) (call $sum (local.get $a))))
    (f32.store offset=4 (local.get $o) (f32.add (f32.load offset=4 (local.get $bp)) (call $sum (local.get $b)))))

  (func $sum (param $v v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
      (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))

  ;; gw[c][d] = sum_r g[r][c] * x[r][d] (overwrites gw), 4 classes × one f32x4 of d per pass
  ;; down the rows. g is row-major with kp floats per row.
  (func (export "weightGradient")
    (param $x i32) (param $rows i32) (param $dp i32) (param $g i32) (param $kp i32) (param $gw i32)
    (local $rowBytes i32) (local $gRowBytes i32) (local $c i32) (local $d i32) (local $r i32)
    (local $xp i32) (local $gp i32) (local $op i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $xv v128)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $gRowBytes (i32.shl (local.get $kp) (i32.const 2)))
    (block $classesDone
      (loop $classLoop
        (br_if $classesDone (i32.ge_u (local.get $c) (local.get $kp)))
        (local.set $d (i32.const 0))
        (block $dimsDone
          (loop $dimLoop
            (br_if $dimsDone (i32.ge_u (local.get $d) (local.get $rowBytes)))
            (local.set $a0 (v128.const i32x4 0 0 0 0)) (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0)) (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $xp (i32.add (local.get $x) (local.get $d)))
            (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $c) (i32.const 2))))
            (local.set $r (i32.const 0))
            (block $rowsDone
              (loop $rowLoop
                (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
                (local.set $xv (v128.load (local.get $xp)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load32_splat (local.get $gp)) (local.get $xv))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load32_splat offset=4 (local.get $gp)) (local.get $xv))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load32_splat offset=8 (local.get $gp)) (local.get $xv))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load32_splat offset=12 (local.get $gp)) (local.get $xv))))
                (local.set $xp (i32.add (local.get $xp) (local.get $rowBytes)))
                (local.set $gp (i32.add (local.get $gp) (local.get $gRowBytes)))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rowLoop)))
            ;; op = gw + c * rowBytes + d
            (local.set $op (i32.add (i32.add (local.get $gw) (i32.mul (local.get $c) (local.get $rowBytes))) (local.get $d)))
            (v128.store (local.get $op) (local.get $a0))
            (local.set $op (i32.add (local.get $op) (local.get $rowBytes)))
            (v128.store (local.get $op) (local.get $a1))
            (local.set $op (i32.add (local.get $op) (local.get $rowBytes)))
            (v128.store (local.get $op) (local.get $a2))
            (local.set $op (i32.add (local.get $op) (local.get $rowBytes)))
            (v128.store (local.get $op) (local.get $a3))
            (local.set $d (i32.add (local.get $d) (i32.const 16)))
            (br $dimLoop)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $classLoop))))

  ;; One Adam step on `bytes` bytes of parameters (a multiple of 16), the gradient first
  ;; getting `decay` × the parameter (L2). Same order of operations as heads/adam.ts.
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $bytes i32)
    (param $beta1 f32) (param $oneMinusBeta1 f32) (param $beta2 f32) (param $oneMinusBeta2 f32)
    (param $epsilon f32) (param $stepSize f32) (param $decay f32)
    (local $i i32) (local $gv v128) (local $mv v128) (local $vv v128) (local $pv v128)
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $pv (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $gv (f32x4.add (v128.load (i32.add (local.get $g) (local.get $i))) (f32x4.mul (local.get $pv) (f32x4.splat (local.get $decay)))))
        (local.set $mv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (f32x4.splat (local.get $beta1)))
          (f32x4.mul (local.get $gv) (f32x4.splat (local.get $oneMinusBeta1)))))
        (local.set $vv (f32x4.add
          (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (f32x4.splat (local.get $beta2)))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (f32x4.splat (local.get $oneMinusBeta2)))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f32x4.sub (local.get $pv)
            (f32x4.mul
              (f32x4.div (local.get $mv) (f32x4.add (f32x4.sqrt (local.get $vv)) (f32x4.splat (local.get $epsilon))))
              (f32x4.splat (local.get $stepSize)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $loop))))

  ;; Copies rows order[0..rows) of src into dst, applying dropout: each row draws
  ;; dp / 4 numbers from mulberry32 (state starting at `seed`), each number decides four
  ;; features by its four bytes (byte < threshold → dropped), kept values × keep. With
  ;; threshold 0 it is a plain gather. The same stream as heads/dropoutMask.ts.
  (func (export "gatherDropout")
    (param $src i32) (param $dp i32) (param $order i32) (param $rows i32) (param $dst i32)
    (param $threshold i32) (param $keep f32) (param $seed i32)
    (local $rowBytes i32) (local $i i32) (local $s i32) (local $o i32) (local $d i32)
    (local $state i32) (local $t i32) (local $limit v128) (local $scale v128) (local $mask v128)
    (local.set $rowBytes (i32.shl (local.get $dp) (i32.const 2)))
    (local.set $limit (i8x16.splat (local.get $threshold)))
    (local.set $scale (f32x4.splat (local.get $keep)))
    (local.set $state (local.get $seed))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $rows)))
        (local.set $s (i32.add (local.get $src) (i32.mul (i32.load (i32.add (local.get $order) (i32.shl (local.get $i) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $o (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $d (i32.const 0))
        (if (i32.eqz (local.get $threshold))
          (then (memory.copy (local.get $o) (local.get $s) (local.get $rowBytes)))
          (else
            (block $dimsDone
              (loop $dimLoop
                (br_if $dimsDone (i32.ge_u (local.get $d) (local.get $rowBytes)))
                ;; mulberry32: t = next 32 bits
                (local.set $state (i32.add (local.get $state) (i32.const 0x6d2b79f5)))
                (local.set $t (local.get $state))
                (local.set $t (i32.mul
                  (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 15)))
                  (i32.or (local.get $t) (i32.const 1))))
                (local.set $t (i32.xor (local.get $t)
                  (i32.add (local.get $t)
                    (i32.mul
                      (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7)))
                      (i32.or (local.get $t) (i32.const 61))))))
                (local.set $t (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14))))
                ;; lanes 0..3 ← bytes 0..3 of t: all ones where the byte is below the threshold
                (local.set $mask (i32x4.extend_low_i16x8_s (i16x8.extend_low_i8x16_s
                  (i8x16.lt_u (i32x4.splat (local.get $t)) (local.get $limit)))))
                (v128.store (i32.add (local.get $o) (local.get $d))
                  (v128.andnot
                    (f32x4.mul (v128.load (i32.add (local.get $s) (local.get $d))) (local.get $scale))
                    (local.get $mask)))
                (local.set $d (i32.add (local.get $d) (i32.const 16)))
                (br $dimLoop)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowLoop))))

  ;; Sum of squares of `bytes` bytes of floats (a multiple of 16): the L2 penalty.
  (func (export "sumOfSquares") (param $p i32) (param $bytes i32) (result f32)
    (local $i i32) (local $acc v128) (local $v v128)
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $v (v128.load (i32.add (local.get $p) (local.get $i))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $v) (local.get $v))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $loop)))
    (call $sum (local.get $acc)))
)
