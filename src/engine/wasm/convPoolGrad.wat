;; The backward pass of conv(valid, stride 1) + relu + maxpool 2×2/2 for the weights, the bias and
;; (optionally) the input, in WebAssembly SIMD: the one loop nest that neither TF.js's wasm kernels nor
;; plain JS do fast. `npm run build:wasm` assembles this file with wabt into convPoolGradWasm.ts;
;; simd.ts points it at the tensors in TF.js's heap (or copies them into a memory of its own), calls
;; convPoolGrad and copies the results out.
;;
;; Each pooled gradient g goes to its window's argmax only (TF's MaxPoolGrad rule), and from there to
;;   dW[o][ki][:] += g · x[b, y+ki, x.., :]        (a run: kw·Ci contiguous floats per ki)
;;   dx[b, y+ki, x.., :] += g · Wt[o][ki][:]
;; i.e. axpy on contiguous runs, 4 lanes at a time. Skipping the 3 non-argmax positions of each window
;; (and every window whose max was cut by relu) does ≥ 4× fewer multiply-adds than a dense GEMM.
;;
;; Memory (byte addresses in the imported memory; blocks simd.ts lays out are 16-byte aligned):
;;   x   [B, H, W, Ci]   conv input, then 4 floats of slack for the last run's overhang (read, never
;;                       written: in TF.js's heap they are whatever lies behind the tensor, and only
;;                       reach acc's padding lanes)
;;   c   [B, Ho, Wo, Co] conv output after relu
;;   p   [B, Hp, Wp, Co] pooled output
;;   dp  [B, Hp, Wp, Co] dL/dpooled
;;   acc [Co, kh, run]   dW, zeroed by the caller
;;   db  [Co]            bias gradient, zeroed by the caller
;;   wt  [Co, kh, run]   the filter, one row per (o, ki), padding lanes zero (dx only)
;;   dx  like x          input gradient, zeroed by the caller (dx only)
;; `run` is kw·Ci rounded up to a multiple of 4, so there is never a scalar tail: the padding lanes of
;; acc collect values that simd.ts drops, and the zero lanes of wt add exactly 0 to dx.
;;
;; Speed: a hit (a window whose gradient passes) does kh rows of run/4 vector multiply-adds; in the
;; first layer that is 5 rows of 2 (MNIST) or 4 (CIFAR-10), so the bookkeeping per row costs as much
;; as the arithmetic. Hence the running pointers below (no multiplications per window) and the row
;; loops of each axpy: one per row width of the first layer, Duff's device up to 20 vectors (conv2:
;; 5×16 floats), a plain loop beyond. Each path adds the same terms in the same order (that of the
;; (b, py, px) loops), so which one runs does not change a bit of the result.
(module
  ;; imported: TF.js's own wasm heap, so the kernel reads the tensors where they lie (simd.ts), or a
  ;; memory of its own that simd.ts copies them into where that heap cannot be reached
  (import "env" "memory" (memory $mem 1))

  (func $convPoolGrad
    ;; byte addresses of the blocks above
    (param $x i32) (param $c i32) (param $p i32) (param $dp i32)
    (param $acc i32) (param $db i32) (param $wt i32) (param $dx i32)
    ;; shapes, in elements
    (param $B i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $Ho i32) (param $Wo i32) (param $Co i32) (param $Hp i32) (param $Wp i32)
    ;; filter rows; floats per padded row (a positive multiple of 4); floats per channel (kh·run)
    (param $kh i32) (param $run i32) (param $K i32)
    ;; bit 0: dW and db, always computed (simd.ts always sets it); bit 1: dx as well
    (param $flags i32)

    ;; strides in bytes, derived once
    (local $ciBytes i32)     ;; one pixel of x
    (local $rowXBytes i32)   ;; one row of x
    (local $coBytes i32)     ;; one pixel of c, p, dp
    (local $rowCBytes i32)   ;; one row of c
    (local $runBytes i32)    ;; one padded filter row of acc and wt
    (local $kBytes i32)      ;; one output channel of acc and wt
    (local $lastCBytes i32)  ;; from a window's top-left conv output to its bottom-right one
    (local $lastXBytes i32)  ;; from a window's top-left x pixel to its bottom-right one
    (local $dxMinusX i32)    ;; a pixel's address in dx less its address in x
    (local $lastVec i32)     ;; vectors per run − 1: the entry of Duff's device
    (local $withDx i32)
    ;; loop counters
    (local $b i32) (local $py i32) (local $px i32)
    (local $o4 i32)          ;; output channel o, as o·4
    (local $chan i32)        ;; o·K·4: channel o's rows in acc and wt
    ;; the current window, as running pointers
    (local $win i32)         ;; offset of its pooled cell in p and dp
    (local $cw i32)          ;; its top-left conv output (channel 0)
    (local $xw i32)          ;; its top-left x pixel
    ;; the current hit
    (local $g f32)           ;; dL/dpooled
    (local $cell i32)        ;; the window's top-left conv output for channel o
    (local $best f32) (local $v f32)
    (local $src i32)         ;; the argmax's x pixel: the patch's top-left
    (local $gv v128)         ;; g in all 4 lanes
    ;; axpy cursors: destination and source row starts, rows left, and within a long row
    (local $d i32) (local $s i32) (local $row i32)
    (local $pd i32) (local $ps i32) (local $end i32)

    (local.set $ciBytes (i32.shl (local.get $Ci) (i32.const 2)))
    (local.set $rowXBytes (i32.mul (local.get $W) (local.get $ciBytes)))
    (local.set $coBytes (i32.shl (local.get $Co) (i32.const 2)))
    (local.set $rowCBytes (i32.mul (local.get $Wo) (local.get $coBytes)))
    (local.set $runBytes (i32.shl (local.get $run) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $K) (i32.const 2)))
    (local.set $lastCBytes (i32.add (local.get $rowCBytes) (local.get $coBytes)))
    (local.set $lastXBytes (i32.add (local.get $rowXBytes) (local.get $ciBytes)))
    (local.set $dxMinusX (i32.sub (local.get $dx) (local.get $x)))
    (local.set $lastVec (i32.sub (i32.shr_u (local.get $run) (i32.const 2)) (i32.const 1)))
    (local.set $withDx (i32.and (local.get $flags) (i32.const 2)))

    ;; p and dp are visited in memory order, so their offset only ever grows by one pixel
    (local.set $win (i32.const 0))
    (local.set $b (i32.const 0))
    (block $bDone
      (br_if $bDone (i32.ge_s (local.get $b) (local.get $B)))
      (loop $bLoop
        (local.set $py (i32.const 0))
        (block $pyDone
          (br_if $pyDone (i32.ge_s (local.get $py) (local.get $Hp)))
          (loop $pyLoop
            ;; the first window of this row: conv row 2py and x row 2py of image b
            (local.set $cw (i32.add (local.get $c)
              (i32.mul (local.get $rowCBytes)
                (i32.add (i32.shl (local.get $py) (i32.const 1)) (i32.mul (local.get $b) (local.get $Ho))))))
            (local.set $xw (i32.add (local.get $x)
              (i32.mul (local.get $rowXBytes)
                (i32.add (i32.shl (local.get $py) (i32.const 1)) (i32.mul (local.get $b) (local.get $H))))))
            (local.set $px (i32.const 0))
            (block $pxDone
              (br_if $pxDone (i32.ge_s (local.get $px) (local.get $Wp)))
              (loop $pxLoop
                (local.set $chan (i32.const 0))
                (local.set $o4 (i32.const 0))
                (block $oDone
                  (br_if $oDone (i32.ge_s (local.get $o4) (local.get $coBytes)))
                  (loop $oLoop
                    (local.set $g (f32.load (i32.add (local.get $dp) (i32.add (local.get $win) (local.get $o4)))))
                    ;; relu: a window whose max is ≤ 0 passes no gradient; g = 0 has nothing to add
                    (if (i32.and
                          (f32.ne (local.get $g) (f32.const 0))
                          (f32.gt (f32.load (i32.add (local.get $p) (i32.add (local.get $win) (local.get $o4))))
                                  (f32.const 0)))
                      (then
                        ;; argmax over the window in scan order; strict > keeps the first maximum
                        ;; (TF's MaxPoolGrad rule) and never picks a NaN
                        (local.set $cell (i32.add (local.get $cw) (local.get $o4)))
                        (local.set $best (f32.load (local.get $cell)))
                        (local.set $src (local.get $xw))
                        (local.set $v (f32.load (i32.add (local.get $cell) (local.get $coBytes))))
                        (if (f32.gt (local.get $v) (local.get $best))
                          (then
                            (local.set $best (local.get $v))
                            (local.set $src (i32.add (local.get $xw) (local.get $ciBytes)))))
                        (local.set $v (f32.load (i32.add (local.get $cell) (local.get $rowCBytes))))
                        (if (f32.gt (local.get $v) (local.get $best))
                          (then
                            (local.set $best (local.get $v))
                            (local.set $src (i32.add (local.get $xw) (local.get $rowXBytes)))))
                        (if (f32.gt (f32.load (i32.add (local.get $cell) (local.get $lastCBytes))) (local.get $best))
                          (then (local.set $src (i32.add (local.get $xw) (local.get $lastXBytes)))))

                        ;; db[o] += g
                        (f32.store (i32.add (local.get $db) (local.get $o4))
                          (f32.add (f32.load (i32.add (local.get $db) (local.get $o4))) (local.get $g)))
                        (local.set $gv (f32x4.splat (local.get $g)))

                        ;; dW: acc[o][ki][:] += g · x row ki of the patch (acc rows contiguous, x rows a row of x apart)
                        (local.set $d (i32.add (local.get $acc) (local.get $chan)))
                        (local.set $s (local.get $src))
                        (local.set $row (local.get $kh))
                        (block $dwDone
                          ;; rows of 2 or 4 vectors (the first layer, 5×5 over 1 or 3 channels: 5 or 15 floats, padded
                          ;; to 8 or 16): a jump per row would cost as much as the arithmetic, so they get loops of their own
                          (if (i32.eq (local.get $runBytes) (i32.const 32))
                            (then
                              (loop $dwPairs
                                (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s)))))
                                (local.set $d (i32.add (local.get $d) (local.get $runBytes)))
                                (local.set $s (i32.add (local.get $s) (local.get $rowXBytes)))
                                (br_if $dwPairs (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                              (br $dwDone)))
                          (if (i32.eq (local.get $runBytes) (i32.const 64))
                            (then
                              (loop $dwQuads
                                (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s)))))
                                (v128.store offset=32 (local.get $d) (f32x4.add (v128.load offset=32 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $s)))))
                                (v128.store offset=48 (local.get $d) (f32x4.add (v128.load offset=48 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $s)))))
                                (local.set $d (i32.add (local.get $d) (local.get $runBytes)))
                                (local.set $s (i32.add (local.get $s) (local.get $rowXBytes)))
                                (br_if $dwQuads (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                              (br $dwDone)))
                          ;; rows of up to 20 vectors (80 floats: a 5×5 kernel over up to 16 channels): Duff's
                          ;; device, a jump to the store of the row's last vector that falls through to vector 0
                          (if (i32.le_u (local.get $runBytes) (i32.const 320))
                            (then
                              (loop $dwRows
                                (block $dw0 (block $dw1 (block $dw2 (block $dw3 (block $dw4 (block $dw5 (block $dw6 (block $dw7 (block $dw8 (block $dw9
                                (block $dw10 (block $dw11 (block $dw12 (block $dw13 (block $dw14 (block $dw15 (block $dw16 (block $dw17 (block $dw18 (block $dw19
                                  (br_table $dw0 $dw1 $dw2 $dw3 $dw4 $dw5 $dw6 $dw7 $dw8 $dw9 $dw10 $dw11 $dw12 $dw13 $dw14 $dw15 $dw16 $dw17 $dw18 $dw19 (local.get $lastVec)))
                                (v128.store offset=304 (local.get $d) (f32x4.add (v128.load offset=304 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=304 (local.get $s))))))
                                (v128.store offset=288 (local.get $d) (f32x4.add (v128.load offset=288 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=288 (local.get $s))))))
                                (v128.store offset=272 (local.get $d) (f32x4.add (v128.load offset=272 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=272 (local.get $s))))))
                                (v128.store offset=256 (local.get $d) (f32x4.add (v128.load offset=256 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=256 (local.get $s))))))
                                (v128.store offset=240 (local.get $d) (f32x4.add (v128.load offset=240 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=240 (local.get $s))))))
                                (v128.store offset=224 (local.get $d) (f32x4.add (v128.load offset=224 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=224 (local.get $s))))))
                                (v128.store offset=208 (local.get $d) (f32x4.add (v128.load offset=208 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=208 (local.get $s))))))
                                (v128.store offset=192 (local.get $d) (f32x4.add (v128.load offset=192 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=192 (local.get $s))))))
                                (v128.store offset=176 (local.get $d) (f32x4.add (v128.load offset=176 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=176 (local.get $s))))))
                                (v128.store offset=160 (local.get $d) (f32x4.add (v128.load offset=160 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=160 (local.get $s))))))
                                (v128.store offset=144 (local.get $d) (f32x4.add (v128.load offset=144 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=144 (local.get $s))))))
                                (v128.store offset=128 (local.get $d) (f32x4.add (v128.load offset=128 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=128 (local.get $s))))))
                                (v128.store offset=112 (local.get $d) (f32x4.add (v128.load offset=112 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=112 (local.get $s))))))
                                (v128.store offset=96 (local.get $d) (f32x4.add (v128.load offset=96 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=96 (local.get $s))))))
                                (v128.store offset=80 (local.get $d) (f32x4.add (v128.load offset=80 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=80 (local.get $s))))))
                                (v128.store offset=64 (local.get $d) (f32x4.add (v128.load offset=64 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=64 (local.get $s))))))
                                (v128.store offset=48 (local.get $d) (f32x4.add (v128.load offset=48 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $s))))))
                                (v128.store offset=32 (local.get $d) (f32x4.add (v128.load offset=32 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $s))))))
                                (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s))))))
                                (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                (local.set $d (i32.add (local.get $d) (local.get $runBytes)))
                                (local.set $s (i32.add (local.get $s) (local.get $rowXBytes)))
                                (br_if $dwRows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                              (br $dwDone)))
                          ;; longer rows: 4 vectors a step while 4 remain, then one at a time
                          (loop $dwLongRows
                            (local.set $end (i32.add (local.get $d) (local.get $runBytes)))
                            (local.set $pd (local.get $d))
                            (local.set $ps (local.get $s))
                            (loop $dwFours
                              (v128.store (local.get $pd) (f32x4.add (v128.load (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load (local.get $ps)))))
                              (v128.store offset=16 (local.get $pd) (f32x4.add (v128.load offset=16 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $ps)))))
                              (v128.store offset=32 (local.get $pd) (f32x4.add (v128.load offset=32 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $ps)))))
                              (v128.store offset=48 (local.get $pd) (f32x4.add (v128.load offset=48 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $ps)))))
                              (local.set $pd (i32.add (local.get $pd) (i32.const 64)))
                              (local.set $ps (i32.add (local.get $ps) (i32.const 64)))
                              (br_if $dwFours (i32.le_u (i32.add (local.get $pd) (i32.const 64)) (local.get $end))))
                            (block $dwOnes
                              (br_if $dwOnes (i32.ge_u (local.get $pd) (local.get $end)))
                              (loop $dwOne
                                (v128.store (local.get $pd) (f32x4.add (v128.load (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load (local.get $ps)))))
                                (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
                                (local.set $ps (i32.add (local.get $ps) (i32.const 16)))
                                (br_if $dwOne (i32.lt_u (local.get $pd) (local.get $end)))))
                            (local.set $d (i32.add (local.get $d) (local.get $runBytes)))
                            (local.set $s (i32.add (local.get $s) (local.get $rowXBytes)))
                            (br_if $dwLongRows (local.tee $row (i32.sub (local.get $row) (i32.const 1))))))
                        ;; dx: row ki of the patch in dx += g · wt[o][ki][:] (the same code, the roles swapped)
                        (if (local.get $withDx)
                          (then
                            (local.set $d (i32.add (local.get $src) (local.get $dxMinusX)))
                            (local.set $s (i32.add (local.get $wt) (local.get $chan)))
                            (local.set $row (local.get $kh))
                            (block $dxDone
                              ;; rows of 2 or 4 vectors
                              (if (i32.eq (local.get $runBytes) (i32.const 32))
                                (then
                                  (loop $dxPairs
                                    (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                    (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s)))))
                                    (local.set $d (i32.add (local.get $d) (local.get $rowXBytes)))
                                    (local.set $s (i32.add (local.get $s) (local.get $runBytes)))
                                    (br_if $dxPairs (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                                  (br $dxDone)))
                              (if (i32.eq (local.get $runBytes) (i32.const 64))
                                (then
                                  (loop $dxQuads
                                    (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                    (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s)))))
                                    (v128.store offset=32 (local.get $d) (f32x4.add (v128.load offset=32 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $s)))))
                                    (v128.store offset=48 (local.get $d) (f32x4.add (v128.load offset=48 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $s)))))
                                    (local.set $d (i32.add (local.get $d) (local.get $rowXBytes)))
                                    (local.set $s (i32.add (local.get $s) (local.get $runBytes)))
                                    (br_if $dxQuads (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                                  (br $dxDone)))
                              ;; rows of up to 20 vectors
                              (if (i32.le_u (local.get $runBytes) (i32.const 320))
                                (then
                                  (loop $dxRows
                                    (block $dx0 (block $dx1 (block $dx2 (block $dx3 (block $dx4 (block $dx5 (block $dx6 (block $dx7 (block $dx8 (block $dx9
                                    (block $dx10 (block $dx11 (block $dx12 (block $dx13 (block $dx14 (block $dx15 (block $dx16 (block $dx17 (block $dx18 (block $dx19
                                      (br_table $dx0 $dx1 $dx2 $dx3 $dx4 $dx5 $dx6 $dx7 $dx8 $dx9 $dx10 $dx11 $dx12 $dx13 $dx14 $dx15 $dx16 $dx17 $dx18 $dx19 (local.get $lastVec)))
                                    (v128.store offset=304 (local.get $d) (f32x4.add (v128.load offset=304 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=304 (local.get $s))))))
                                    (v128.store offset=288 (local.get $d) (f32x4.add (v128.load offset=288 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=288 (local.get $s))))))
                                    (v128.store offset=272 (local.get $d) (f32x4.add (v128.load offset=272 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=272 (local.get $s))))))
                                    (v128.store offset=256 (local.get $d) (f32x4.add (v128.load offset=256 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=256 (local.get $s))))))
                                    (v128.store offset=240 (local.get $d) (f32x4.add (v128.load offset=240 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=240 (local.get $s))))))
                                    (v128.store offset=224 (local.get $d) (f32x4.add (v128.load offset=224 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=224 (local.get $s))))))
                                    (v128.store offset=208 (local.get $d) (f32x4.add (v128.load offset=208 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=208 (local.get $s))))))
                                    (v128.store offset=192 (local.get $d) (f32x4.add (v128.load offset=192 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=192 (local.get $s))))))
                                    (v128.store offset=176 (local.get $d) (f32x4.add (v128.load offset=176 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=176 (local.get $s))))))
                                    (v128.store offset=160 (local.get $d) (f32x4.add (v128.load offset=160 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=160 (local.get $s))))))
                                    (v128.store offset=144 (local.get $d) (f32x4.add (v128.load offset=144 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=144 (local.get $s))))))
                                    (v128.store offset=128 (local.get $d) (f32x4.add (v128.load offset=128 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=128 (local.get $s))))))
                                    (v128.store offset=112 (local.get $d) (f32x4.add (v128.load offset=112 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=112 (local.get $s))))))
                                    (v128.store offset=96 (local.get $d) (f32x4.add (v128.load offset=96 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=96 (local.get $s))))))
                                    (v128.store offset=80 (local.get $d) (f32x4.add (v128.load offset=80 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=80 (local.get $s))))))
                                    (v128.store offset=64 (local.get $d) (f32x4.add (v128.load offset=64 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=64 (local.get $s))))))
                                    (v128.store offset=48 (local.get $d) (f32x4.add (v128.load offset=48 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $s))))))
                                    (v128.store offset=32 (local.get $d) (f32x4.add (v128.load offset=32 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $s))))))
                                    (v128.store offset=16 (local.get $d) (f32x4.add (v128.load offset=16 (local.get $d)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $s))))))
                                    (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (f32x4.mul (local.get $gv) (v128.load (local.get $s)))))
                                    (local.set $d (i32.add (local.get $d) (local.get $rowXBytes)))
                                    (local.set $s (i32.add (local.get $s) (local.get $runBytes)))
                                    (br_if $dxRows (local.tee $row (i32.sub (local.get $row) (i32.const 1)))))
                                  (br $dxDone)))
                              ;; longer rows
                              (loop $dxLongRows
                                (local.set $end (i32.add (local.get $d) (local.get $runBytes)))
                                (local.set $pd (local.get $d))
                                (local.set $ps (local.get $s))
                                (loop $dxFours
                                  (v128.store (local.get $pd) (f32x4.add (v128.load (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load (local.get $ps)))))
                                  (v128.store offset=16 (local.get $pd) (f32x4.add (v128.load offset=16 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $ps)))))
                                  (v128.store offset=32 (local.get $pd) (f32x4.add (v128.load offset=32 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $ps)))))
                                  (v128.store offset=48 (local.get $pd) (f32x4.add (v128.load offset=48 (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $ps)))))
                                  (local.set $pd (i32.add (local.get $pd) (i32.const 64)))
                                  (local.set $ps (i32.add (local.get $ps) (i32.const 64)))
                                  (br_if $dxFours (i32.le_u (i32.add (local.get $pd) (i32.const 64)) (local.get $end))))
                                (block $dxOnes
                                  (br_if $dxOnes (i32.ge_u (local.get $pd) (local.get $end)))
                                  (loop $dxOne
                                    (v128.store (local.get $pd) (f32x4.add (v128.load (local.get $pd)) (f32x4.mul (local.get $gv) (v128.load (local.get $ps)))))
                                    (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
                                    (local.set $ps (i32.add (local.get $ps) (i32.const 16)))
                                    (br_if $dxOne (i32.lt_u (local.get $pd) (local.get $end)))))
                                (local.set $d (i32.add (local.get $d) (local.get $rowXBytes)))
                                (local.set $s (i32.add (local.get $s) (local.get $runBytes)))
                                (br_if $dxLongRows (local.tee $row (i32.sub (local.get $row) (i32.const 1))))))))))
                    (local.set $chan (i32.add (local.get $chan) (local.get $kBytes)))
                    (local.set $o4 (i32.add (local.get $o4) (i32.const 4)))
                    (br_if $oLoop (i32.lt_s (local.get $o4) (local.get $coBytes)))))
                ;; next window: one pooled pixel, two conv and two x pixels to the right
                (local.set $win (i32.add (local.get $win) (local.get $coBytes)))
                (local.set $cw (i32.add (local.get $cw) (i32.shl (local.get $coBytes) (i32.const 1))))
                (local.set $xw (i32.add (local.get $xw) (i32.shl (local.get $ciBytes) (i32.const 1))))
                (local.set $px (i32.add (local.get $px) (i32.const 1)))
                (br_if $pxLoop (i32.lt_s (local.get $px) (local.get $Wp)))))
            (local.set $py (i32.add (local.get $py) (i32.const 1)))
            (br_if $pyLoop (i32.lt_s (local.get $py) (local.get $Hp)))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $bLoop (i32.lt_s (local.get $b) (local.get $B))))))

  (export "convPoolGrad" (func $convPoolGrad)))
