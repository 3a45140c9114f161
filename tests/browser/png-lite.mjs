// Just enough PNG for comparing screenshots: reads 8-bit RGB or RGBA,
// non-interlaced (what Chromium's screenshots are) into RGBA pixels, and
// writes RGBA back out. Node's zlib only; no dependency.
import zlib from 'node:zlib';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; ++n) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const PNG = {
  read(buf) {
    if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
    let pos = 8, width = 0, height = 0, depth = 0, type = 0, interlace = 0;
    const idat = [];
    while (pos < buf.length) {
      const len = buf.readUInt32BE(pos), name = buf.toString('ascii', pos + 4, pos + 8);
      const body = buf.subarray(pos + 8, pos + 8 + len);
      if (name === 'IHDR') {
        width = body.readUInt32BE(0); height = body.readUInt32BE(4);
        depth = body[8]; type = body[9]; interlace = body[12];
      } else if (name === 'IDAT') idat.push(body);
      pos += 12 + len;
    }
    if (depth !== 8 || (type !== 2 && type !== 6) || interlace) throw new Error(`PNG kind not handled: depth ${depth} type ${type}`);
    const bpp = type === 6 ? 4 : 3, stride = width * bpp;
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const out = Buffer.alloc(width * height * 4), prev = Buffer.alloc(stride), row = Buffer.alloc(stride);
    for (let y = 0; y < height; ++y) {
      const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
      for (let i = 0; i < stride; ++i) {
        const a = i >= bpp ? row[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
        let v = src[i];
        if (f === 1) v += a;
        else if (f === 2) v += b;
        else if (f === 3) v += (a + b) >> 1;
        else if (f === 4) {
          const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        row[i] = v & 0xff;
      }
      for (let x = 0; x < width; ++x) {
        const o = (y * width + x) * 4;
        out[o] = row[x * bpp]; out[o + 1] = row[x * bpp + 1]; out[o + 2] = row[x * bpp + 2];
        out[o + 3] = bpp === 4 ? row[x * bpp + 3] : 255;
      }
      row.copy(prev);
    }
    return { width, height, data: out };
  },
  write(img) {
    const stride = img.width * 4, raw = Buffer.alloc((stride + 1) * img.height);
    for (let y = 0; y < img.height; ++y) img.data.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
    const chunk = (name, body) => {
      const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
      const nb = Buffer.concat([Buffer.from(name, 'ascii'), body]);
      const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(nb));
      return Buffer.concat([len, nb, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(img.width, 0); ihdr.writeUInt32BE(img.height, 4);
    ihdr[8] = 8; ihdr[9] = 6;
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  },
};
