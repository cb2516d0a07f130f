;; The forward pass of conv(valid, stride 1) + bias + relu + maxpool 2×2/2 in WebAssembly SIMD,
;; bit for bit what TF.js's wasm FusedConv2D (XNNPACK, activation relu) followed by its MaxPool gives,
;; in half the time or less for the backbone's convolutions (MNIST conv1: 2.3 against 5.3 ms a batch
;; of 128; conv2: 6.2 against 8.4 ms). `npm run build:wasm` assembles this file with wabt into
;; convReluPoolWasm.ts; convReluPoolSimd.ts calls it on tensors in TF.js's own heap.
;;
;; Why it can be exact: XNNPACK's convolution adds, for every output, the bias first and then each
;; product x·w in filter order (ky, kx, ci), one rounded multiply and one rounded add at a time (wasm
;; SIMD has no fused multiply-add). This loop does the same operations in the same order. Its max-pool
;; is XNNPACK's too, NaN included: pmax(pmax(v00, v10), pmax(v11, v01)) over the window, then
;; pmax(-inf, ·), which turns a NaN into -inf (XNNPACK clamps its output to [-inf, +inf] that way).
;; convReluPool.test.ts checks both outputs against the stock kernels with Object.is, NaN inputs included.
;;
;; Why it is faster: one pool window at a time, all four of its conv outputs together for 8 output
;; channels (8 accumulators: four pixels × two vectors), so each filter vector loaded serves four
;; pixels; the window's conv outputs are written and pooled while still in registers (no separate
;; MaxPool pass over the 4.7 MB first-layer output). For a window, the filter taps of one filter row
;; (kw·Ci floats) and the x run under them are both contiguous, so the inner loop steps one filter
;; pointer and one byte offset into the x run, with no multiplications.
;;
;; Memory (byte addresses in the imported memory):
;;   x    [B, H, W, Ci]       input
;;   w    [kh, kw, Ci, Co]    filter (TF.js's layout: one contiguous Co-vector per tap)
;;   bias [Co]
;;   c    [B, Ho, Wo, Co]     out: relu(conv(x, w) + bias), Ho = H − kh + 1, Wo = W − kw + 1
;;   p    [B, Ho/2, Wo/2, Co] out: maxpool 2×2/2 of c
;; Preconditions (the caller, kernels.ts, checks them and otherwise uses the stock kernels): Ho and Wo
;; even (every conv output lies in a pool window), Co a multiple of 8.
(module
  ;; TF.js's wasm heap: the tensors are read and written where they lie
  (import "env" "memory" (memory $mem 1))

  (func $convReluPool
    (param $x i32) (param $w i32) (param $bias i32) (param $c i32) (param $p i32)
    (param $B i32) (param $H i32) (param $W i32) (param $Ci i32) (param $Co i32) (param $kh i32) (param $kw i32)
    ;; shapes and strides (bytes)
    (local $Ho i32) (local $Wo i32) (local $Hp i32) (local $Wp i32)
    ;; loop counters: image, pool window row and column, channel group (bytes: o·4, by 32)
    (local $b i32) (local $py i32) (local $px i32) (local $g i32)
    ;; one row of x; the window's top-left x pixel; the current filter row's x run; the current
    ;; filter vector; filter rows left; bytes into the current run
    (local $rowX i32) (local $xw i32) (local $xr i32) (local $wp i32) (local $ky i32) (local $kx i32)
    ;; one pixel of x; one filter row's run (kw·Ci floats); the window's top-left conv output, its
    ;; pooled cell; one pixel and one row of c
    (local $ciB i32) (local $runB i32) (local $cw i32) (local $pw i32) (local $coB i32) (local $rowC i32)
    ;; accumulators: a0 a1 the window's top-left pixel (channels g..g+3, g+4..g+7), a2 a3 top-right,
    ;; a4 a5 bottom-left, a6 a7 bottom-right
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    ;; the tap's two filter vectors; one x value in all lanes; 0 (relu); -inf (the pool's clamp)
    (local $w0 v128) (local $w1 v128) (local $s v128) (local $z v128) (local $m v128)
    (local.set $Ho (i32.add (i32.sub (local.get $H) (local.get $kh)) (i32.const 1)))
    (local.set $Wo (i32.add (i32.sub (local.get $W) (local.get $kw)) (i32.const 1)))
    (local.set $Hp (i32.shr_u (local.get $Ho) (i32.const 1)))
    (local.set $Wp (i32.shr_u (local.get $Wo) (i32.const 1)))
    (local.set $ciB (i32.shl (local.get $Ci) (i32.const 2)))
    (local.set $rowX (i32.mul (local.get $W) (local.get $ciB)))
    (local.set $runB (i32.mul (local.get $kw) (local.get $ciB)))
    (local.set $coB (i32.shl (local.get $Co) (i32.const 2)))
    (local.set $rowC (i32.mul (local.get $Wo) (local.get $coB)))
    (local.set $z (v128.const f32x4 0 0 0 0))
    (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
    (local.set $b (i32.const 0))
    (block $bd (loop $bl
      (br_if $bd (i32.ge_s (local.get $b) (local.get $B)))
      (local.set $py (i32.const 0))
      (block $yd (loop $yl
        (br_if $yd (i32.ge_s (local.get $py) (local.get $Hp)))
        (local.set $px (i32.const 0))
        (block $xd (loop $xl
          (br_if $xd (i32.ge_s (local.get $px) (local.get $Wp)))
          ;; the window's top-left x pixel, conv output and pooled cell
          (local.set $xw (i32.add (local.get $x) (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (i32.shl (local.get $py) (i32.const 1))) (local.get $W)) (i32.shl (local.get $px) (i32.const 1))) (local.get $ciB))))
          (local.set $cw (i32.add (local.get $c) (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $Ho)) (i32.shl (local.get $py) (i32.const 1))) (local.get $Wo)) (i32.shl (local.get $px) (i32.const 1))) (local.get $coB))))
          (local.set $pw (i32.add (local.get $p) (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $Hp)) (local.get $py)) (local.get $Wp)) (local.get $px)) (local.get $coB))))
          (local.set $g (i32.const 0))
          (block $gd (loop $gl
            (br_if $gd (i32.ge_s (local.get $g) (local.get $coB)))
            ;; XNNPACK's order: the bias first, then every product in filter order
            (local.set $a0 (v128.load (i32.add (local.get $bias) (local.get $g))))
            (local.set $a1 (v128.load offset=16 (i32.add (local.get $bias) (local.get $g))))
            (local.set $a2 (local.get $a0)) (local.set $a3 (local.get $a1))
            (local.set $a4 (local.get $a0)) (local.set $a5 (local.get $a1))
            (local.set $a6 (local.get $a0)) (local.set $a7 (local.get $a1))
            (local.set $wp (i32.add (local.get $w) (local.get $g)))
            (local.set $xr (local.get $xw))
            (local.set $ky (local.get $kh))
            (loop $kyl
              (local.set $kx (i32.const 0))
              (loop $kxl
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $w1 (v128.load offset=16 (local.get $wp)))
                (local.set $s (v128.load32_splat (i32.add (local.get $xr) (local.get $kx))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (i32.add (local.get $xr) (local.get $kx)) (local.get $ciB))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (i32.add (local.get $xr) (local.get $rowX)) (local.get $kx))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (i32.add (i32.add (i32.add (local.get $xr) (local.get $rowX)) (local.get $kx)) (local.get $ciB))))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $wp (i32.add (local.get $wp) (local.get $coB)))
                (local.set $kx (i32.add (local.get $kx) (i32.const 4)))
                (br_if $kxl (i32.lt_s (local.get $kx) (local.get $runB))))
              (local.set $xr (i32.add (local.get $xr) (local.get $rowX)))
              (local.set $ky (i32.sub (local.get $ky) (i32.const 1)))
              (br_if $kyl (local.get $ky)))
            ;; relu (wasm max: NaN stays NaN, as in XNNPACK), the four conv outputs, their pooled max
            (local.set $a0 (f32x4.max (local.get $a0) (local.get $z)))
            (local.set $a1 (f32x4.max (local.get $a1) (local.get $z)))
            (local.set $a2 (f32x4.max (local.get $a2) (local.get $z)))
            (local.set $a3 (f32x4.max (local.get $a3) (local.get $z)))
            (local.set $a4 (f32x4.max (local.get $a4) (local.get $z)))
            (local.set $a5 (f32x4.max (local.get $a5) (local.get $z)))
            (local.set $a6 (f32x4.max (local.get $a6) (local.get $z)))
            (local.set $a7 (f32x4.max (local.get $a7) (local.get $z)))
            (v128.store (i32.add (local.get $cw) (local.get $g)) (local.get $a0))
            (v128.store offset=16 (i32.add (local.get $cw) (local.get $g)) (local.get $a1))
            (v128.store (i32.add (i32.add (local.get $cw) (local.get $coB)) (local.get $g)) (local.get $a2))
            (v128.store offset=16 (i32.add (i32.add (local.get $cw) (local.get $coB)) (local.get $g)) (local.get $a3))
            (v128.store (i32.add (i32.add (local.get $cw) (local.get $rowC)) (local.get $g)) (local.get $a4))
            (v128.store offset=16 (i32.add (i32.add (local.get $cw) (local.get $rowC)) (local.get $g)) (local.get $a5))
            (v128.store (i32.add (i32.add (i32.add (local.get $cw) (local.get $rowC)) (local.get $coB)) (local.get $g)) (local.get $a6))
            (v128.store offset=16 (i32.add (i32.add (i32.add (local.get $cw) (local.get $rowC)) (local.get $coB)) (local.get $g)) (local.get $a7))
            (v128.store (i32.add (local.get $pw) (local.get $g)) (f32x4.pmax (local.get $m) (f32x4.pmax (f32x4.pmax (local.get $a0) (local.get $a4)) (f32x4.pmax (local.get $a6) (local.get $a2)))))
            (v128.store offset=16 (i32.add (local.get $pw) (local.get $g)) (f32x4.pmax (local.get $m) (f32x4.pmax (f32x4.pmax (local.get $a1) (local.get $a5)) (f32x4.pmax (local.get $a7) (local.get $a3)))))
            (local.set $g (i32.add (local.get $g) (i32.const 32)))
            (br $gl)))
          (local.set $px (i32.add (local.get $px) (i32.const 1)))
          (br $xl)))
        (local.set $py (i32.add (local.get $py) (i32.const 1)))
        (br $yl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl)))
  )
  (export "convReluPool" (func $convReluPool)))
