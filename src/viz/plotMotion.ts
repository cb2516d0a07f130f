/**
 * The 2-D plot's motion between snapshots: point positions, overlay marks and axis domains eased from
 * what is on screen to the new snapshot's, so nothing jumps when training moves the embedding.
 */
import { EMPTY_DOMAIN, lerpDomain, type Domain2D } from './domain';
import { lerpInto } from './positions';

export class PlotMotion {
  /** positions animated from, to, and the ones on screen now, row-major [n][2] */
  from = new Float32Array(0);
  to = new Float32Array(0);
  current = new Float32Array(0);
  overlayFrom: Float32Array | null = null;
  overlayTo: Float32Array | null = null;
  overlayCurrent: Float32Array | null = null;
  /** domains before equal-aspect widening, so a resize mid-animation stays correct */
  domainFrom: Domain2D = EMPTY_DOMAIN;
  domainTo: Domain2D = EMPTY_DOMAIN;
  domainCurrent: Domain2D = EMPTY_DOMAIN;

  /** New targets; with `animate`, from where the screen is now (mid-animation if interrupted). */
  retarget(points: Float32Array, overlay: Float32Array | null, animate: boolean): void {
    this.from = animate ? this.current.slice() : points.slice();
    this.to = points.slice();
    this.current = this.from.slice();
    const overlayAnimates = animate && overlay !== null && this.overlayCurrent?.length === overlay.length;
    this.overlayFrom = overlayAnimates && this.overlayCurrent ? this.overlayCurrent.slice() : overlay;
    this.overlayTo = overlay;
    this.overlayCurrent = this.overlayFrom ? this.overlayFrom.slice() : null;
  }

  /** The domain to arrive at; with `animate`, eased from the current one, else shown at once. */
  retargetDomain(d: Domain2D, animate: boolean): void {
    this.domainTo = d;
    this.domainFrom = animate ? this.domainCurrent : d;
    this.domainCurrent = this.domainFrom;
  }

  /** Moves the domain's target (a shared scale changed): an animation under way ends there, else it is shown at once. */
  moveDomainTarget(d: Domain2D, animating: boolean): void {
    this.domainTo = d;
    if (!animating) this.domainCurrent = d;
  }

  /** Everything at eased progress t ∈ [0, 1]. */
  at(t: number): void {
    lerpInto(this.current, this.from, this.to, t);
    if (this.overlayCurrent && this.overlayFrom && this.overlayTo) lerpInto(this.overlayCurrent, this.overlayFrom, this.overlayTo, t);
    this.domainCurrent = lerpDomain(this.domainFrom, this.domainTo, t);
  }
}
