/// <reference types="vite/client" />
import { useEffect, useRef, useState } from 'react';
import { Alert } from '@mantine/core';
import { LngLatBounds, Map as MapLibre, NavigationControl, Popup, setWorkerUrl, type GeoJSONSource, type MapOptions } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { IncidentMap } from '../../../contracts/statistics.ts';
import { countClasses, SEVERITY_COLOURS, SEVERITY_RADIUS, ZERO_COLOUR } from './mapScale.ts';

/**
 * The map itself (loaded lazily: MapLibre is about 1 MB). The style is GeoJSON only — a plain
 * background, the communes and the points from the API — so nothing is fetched from the internet:
 * no tiles, no glyphs, no sprites, and therefore no text on the map (names are in the popups and
 * in the list beside it). The worker is served from our own origin (CSP worker-src 'self').
 */
setWorkerUrl(workerUrl);

type Style = Exclude<MapOptions['style'], string | undefined>;
type SourceData = Parameters<GeoJSONSource['setData']>[0];
type CommuneProps = IncidentMap['communes']['features'][number]['properties'];
type PointProps = IncidentMap['points']['features'][number]['properties'];

export interface MapTexts {
  commune: (p: CommuneProps) => { title: string; lines: string[]; link: { href: string; label: string } };
  point: (p: PointProps) => { title: string; lines: string[]; link: { href: string; label: string } };
  noWebgl: string;
  mapLabel: string;
}

interface Props {
  data: IncidentMap;
  texts: MapTexts;
  /** Commune code to zoom to and describe (from the list beside the map). */
  focus: string | null;
  onNavigate: (href: string) => void;
}

/** Ho Chi Minh City's centre, when there is nothing to fit. */
const HOME = { center: [106.7, 10.78] as [number, number], zoom: 9 };

function emptyStyle(): Style {
  return {
    version: 8,
    sources: {
      communes: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      points: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e7eef3' } },
      { id: 'communes-fill', type: 'fill', source: 'communes', paint: { 'fill-color': ZERO_COLOUR, 'fill-opacity': 0.85 } },
      { id: 'communes-line', type: 'line', source: 'communes', paint: { 'line-color': '#868e96', 'line-width': 0.6 } },
      { id: 'communes-focus', type: 'line', source: 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#1864ab', 'line-width': 2.5 } },
      {
        id: 'points',
        type: 'circle',
        source: 'points',
        paint: {
          'circle-color': ['match', ['get', 'severity'], ...Object.entries(SEVERITY_COLOURS).flat(), '#495057'] as never,
          'circle-radius': ['match', ['get', 'severity'], ...Object.entries(SEVERITY_RADIUS).flat(), 5] as never,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.2,
        },
      },
    ],
  };
}

/** MapLibre's step expression for the fill: grey for 0, then the class colours. */
function fillExpression(maxCount: number): unknown {
  const classes = countClasses(maxCount);
  if (!classes.length) return ZERO_COLOUR;
  return ['step', ['get', 'count'], ZERO_COLOUR, ...classes.flatMap((c) => [c.min, c.colour])];
}

function extend(b: LngLatBounds, coords: unknown): void {
  if (Array.isArray(coords) && typeof coords[0] === 'number' && typeof coords[1] === 'number') b.extend([coords[0], coords[1]]);
  else if (Array.isArray(coords)) for (const c of coords) extend(b, c);
}

/** Bounds of the communes with cases and the points; else of every commune shown. */
function boundsOf(data: IncidentMap, only?: string): LngLatBounds | null {
  const b = new LngLatBounds();
  const communes = data.communes.features;
  if (only) {
    const f = communes.find((x) => x.id === only);
    if (f) extend(b, f.geometry.coordinates);
    return b.isEmpty() ? null : b;
  }
  for (const f of communes) if (f.properties.count > 0) extend(b, f.geometry.coordinates);
  for (const p of data.points.features) extend(b, p.geometry.coordinates);
  if (b.isEmpty()) for (const f of communes) extend(b, f.geometry.coordinates);
  return b.isEmpty() ? null : b;
}

function popupNode(content: { title: string; lines: string[]; link: { href: string; label: string } }, onNavigate: (href: string) => void): HTMLElement {
  const div = document.createElement('div');
  div.className = 'ph-map-popup';
  const h = document.createElement('strong');
  h.textContent = content.title;
  div.appendChild(h);
  for (const line of content.lines) {
    const p = document.createElement('div');
    p.textContent = line;
    div.appendChild(p);
  }
  const a = document.createElement('a');
  a.href = content.link.href;
  a.textContent = content.link.label;
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    onNavigate(content.link.href);
  });
  div.appendChild(a);
  return div;
}

export default function MapCanvas({ data, texts, focus, onNavigate }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibre | null>(null);
  const popup = useRef<Popup | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // Latest props for the event handlers registered once.
  const latest = useRef({ data, texts, onNavigate });
  latest.current = { data, texts, onNavigate };

  useEffect(() => {
    if (!box.current) return;
    let m: MapLibre;
    try {
      m = new MapLibre({ container: box.current, style: emptyStyle(), center: HOME.center, zoom: HOME.zoom, attributionControl: false, dragRotate: false, pitchWithRotate: false });
    } catch {
      setFailed(true); // no WebGL
      return;
    }
    map.current = m;
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.touchZoomRotate.disableRotation();
    const show = (lngLat: [number, number] | { lng: number; lat: number }, node: HTMLElement) => {
      popup.current?.remove();
      popup.current = new Popup({ closeButton: true, maxWidth: '300px' }).setLngLat(lngLat).setDOMContent(node).addTo(m);
    };
    m.on('click', (e) => {
      const { texts: tx, onNavigate: nav } = latest.current;
      const pt = m.queryRenderedFeatures(e.point, { layers: ['points'] })[0];
      if (pt) {
        show(e.lngLat, popupNode(tx.point(pt.properties as PointProps), nav));
        return;
      }
      const c = m.queryRenderedFeatures(e.point, { layers: ['communes-fill'] })[0];
      if (c) show(e.lngLat, popupNode(tx.commune(c.properties as CommuneProps), nav));
    });
    for (const layer of ['points', 'communes-fill']) {
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
    m.on('load', () => setReady(true));
    return () => {
      popup.current?.remove();
      m.remove();
      map.current = null;
    };
  }, []);

  // New data: replace the sources, recolour, fit.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    (m.getSource('communes') as GeoJSONSource).setData(data.communes as SourceData);
    (m.getSource('points') as GeoJSONSource).setData(data.points as SourceData);
    const max = Math.max(0, ...data.communes.features.map((f) => f.properties.count));
    m.setPaintProperty('communes-fill', 'fill-color', fillExpression(max) as never);
    popup.current?.remove();
    const b = boundsOf(data);
    if (b) m.fitBounds(b, { padding: 30, animate: false, maxZoom: 14 });
  }, [data, ready]);

  // Focus on one commune from the list.
  useEffect(() => {
    const m = map.current;
    if (!m || !ready) return;
    m.setFilter('communes-focus', ['==', ['get', 'code'], focus ?? '']);
    if (!focus) return;
    const f = data.communes.features.find((x) => x.id === focus);
    const b = boundsOf(data, focus);
    if (!f || !b) return;
    m.fitBounds(b, { padding: 60, animate: false, maxZoom: 14 });
    popup.current?.remove();
    popup.current = new Popup({ closeButton: true, maxWidth: '300px' }).setLngLat(b.getCenter()).setDOMContent(popupNode(texts.commune(f.properties), onNavigate)).addTo(m);
    // Only when the focus (or the data under it) changes.
  }, [focus, data, ready]);

  if (failed) return <Alert color="yellow">{texts.noWebgl}</Alert>;
  return <div ref={box} role="region" aria-label={texts.mapLabel} style={{ width: '100%', height: '100%', minHeight: 420, borderRadius: 4 }} />;
}
