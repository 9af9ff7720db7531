/**
 * The SVG Tiny Portable/Secure profile (draft-svg-tiny-ps-abrotman, based on SVG Tiny 1.2): which elements and
 * attributes a BIMI logo may use. Elements of SVG Tiny 1.2 that the profile removes are named, so the checker
 * can say why (script, animation, external content, interactivity).
 */

/** The SVG namespace. */
export const SVG_NS = 'http://www.w3.org/2000/svg';
/** The XLink namespace. */
export const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Elements allowed in SVG Tiny PS. */
export const ALLOWED_ELEMENTS: ReadonlySet<string> = new Set([
  'svg', 'g', 'defs', 'title', 'desc', 'metadata',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'solidColor', 'linearGradient', 'radialGradient', 'stop',
  'text', 'tspan', 'textArea', 'tbreak', 'use',
  'font', 'font-face', 'font-face-src', 'glyph', 'missing-glyph', 'hkern',
]);

/** Why a known element is not allowed: the problem code the checker reports. */
export const FORBIDDEN_ELEMENTS: ReadonlyMap<string, 'script' | 'animation' | 'external-content' | 'interactive' | 'style-element' | 'filter'> = new Map([
  ['script', 'script'],
  ['handler', 'script'],
  ['listener', 'script'],
  ['animate', 'animation'],
  ['animateColor', 'animation'],
  ['animateMotion', 'animation'],
  ['animateTransform', 'animation'],
  ['set', 'animation'],
  ['discard', 'animation'],
  ['mpath', 'animation'],
  ['animation', 'external-content'],
  ['image', 'external-content'],
  ['foreignObject', 'external-content'],
  ['audio', 'external-content'],
  ['video', 'external-content'],
  ['prefetch', 'external-content'],
  ['font-face-uri', 'external-content'],
  ['iframe', 'external-content'],
  ['a', 'interactive'],
  ['switch', 'interactive'],
  ['style', 'style-element'],
  ['filter', 'filter'],
]) as ReadonlyMap<string, 'script' | 'animation' | 'external-content' | 'interactive' | 'style-element' | 'filter'>;

/** Attributes of SVG Tiny 1.2 a Tiny PS logo may carry (core, presentation, geometry, gradients, text, fonts). */
export const ALLOWED_ATTRIBUTES: ReadonlySet<string> = new Set([
  // Core and RDFa-style metadata attributes.
  'id', 'xml:id', 'xml:lang', 'xml:space', 'class', 'role', 'rel', 'rev', 'typeof', 'content', 'datatype', 'resource', 'about', 'property',
  // Root.
  'version', 'baseProfile', 'viewBox', 'preserveAspectRatio', 'zoomAndPan', 'width', 'height', 'snapshotTime', 'playbackOrder', 'timelineBegin',
  // Conditional processing.
  'requiredFeatures', 'requiredExtensions', 'requiredFormats', 'requiredFonts', 'systemLanguage',
  // Presentation.
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit',
  'stroke-opacity', 'stroke-width', 'color', 'color-rendering', 'display', 'visibility', 'opacity', 'solid-color', 'solid-opacity', 'stop-color',
  'stop-opacity', 'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'text-anchor', 'display-align', 'line-increment',
  'text-align', 'vector-effect', 'viewport-fill', 'viewport-fill-opacity', 'buffered-rendering', 'image-rendering', 'shape-rendering',
  'text-rendering', 'pointer-events', 'audio-level', 'focusable', 'focusHighlight',
  // Geometry.
  'transform', 'x', 'y', 'rx', 'ry', 'cx', 'cy', 'r', 'x1', 'y1', 'x2', 'y2', 'points', 'd', 'pathLength',
  // Gradients.
  'gradientUnits', 'gradientTransform', 'offset', 'fx', 'fy', 'spreadMethod',
  // Text.
  'rotate', 'editable',
  // Fonts.
  'horiz-adv-x', 'horiz-origin-x', 'unicode', 'glyph-name', 'units-per-em', 'ascent', 'descent', 'alphabetic', 'bbox', 'cap-height', 'x-height',
  'font-stretch', 'unicode-range', 'slope', 'stemv', 'stemh', 'panose-1', 'widths', 'underline-position', 'underline-thickness',
  'strikethrough-position', 'strikethrough-thickness', 'overline-position', 'overline-thickness', 'mathematical', 'hanging', 'ideographic',
  'u1', 'u2', 'g1', 'g2', 'k', 'arabic-form', 'lang',
  // Links (checked separately: only references inside the document).
  'xlink:href', 'href', 'xlink:type', 'xlink:role', 'xlink:arcrole', 'xlink:title', 'xlink:show', 'xlink:actuate',
]);

/** Namespace prefixes whose attributes belong to the document itself (not editor leftovers). */
export const OWN_PREFIXES: ReadonlySet<string> = new Set(['xml', 'xmlns', 'xlink']);
