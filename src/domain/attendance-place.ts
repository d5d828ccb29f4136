/** Where a member is, measured against the meeting place: great-circle (haversine) distance. Pure. */

export interface GeoPoint {
  lat: number
  lng: number
}

const EARTH_RADIUS_M = 6_371_008.8

function rad(deg: number): number {
  return (deg * Math.PI) / 180
}

/** Metres between two points on the Earth's surface. */
export function distanceMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function withinRadius(place: GeoPoint & { radius: number }, at: GeoPoint): boolean {
  return distanceMeters(place, at) <= place.radius
}
