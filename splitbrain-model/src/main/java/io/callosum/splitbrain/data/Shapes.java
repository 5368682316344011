package io.callosum.splitbrain.data;

/** Inside-tests for the scene shapes in object coordinates (unit radius, upright: +v points down the image). */
final class Shapes {
    private Shapes() {
    }

    static boolean inside(SceneRenderer.ShapeKind kind, double u, double v) {
        double r2 = u * u + v * v;
        return switch (kind) {
            case CIRCLE -> r2 <= 1;
            case SQUARE -> Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8;
            case TRIANGLE -> regularPolygon(u, v, 3, 1.0);
            case STAR -> star(u, v);
            case RING -> r2 <= 1 && r2 >= 0.36;
            case CROSS -> (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
            case DIAMOND -> Math.abs(u) / 0.7 + Math.abs(v) <= 1;
            case HEXAGON -> regularPolygon(u, v, 6, 0.95);
            case CRESCENT -> r2 <= 1 && (u - 0.45) * (u - 0.45) + v * v > 0.6;
            case HEART -> heart(u, v);
            case ARROW -> (Math.abs(v) <= 0.22 && u >= -1 && u <= 0.2) || (u >= 0.2 && u <= 1 && Math.abs(v) <= (1 - u) * 0.9);
            case ELLIPSE -> u * u + 4 * v * v <= 1;
        };
    }

    /** Inside a regular n-gon of circumradius r (one vertex on +u). */
    private static boolean regularPolygon(double u, double v, int n, double r) {
        double apothem = r * Math.cos(Math.PI / n);
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n + Math.PI / n;
            if (u * Math.cos(a) + v * Math.sin(a) > apothem) return false;
        }
        return true;
    }

    /** Five-pointed star: the boundary radius falls linearly from 1 at a point to 0.45 at a notch. */
    private static boolean star(double u, double v) {
        double a = Math.atan2(v, u), r = Math.sqrt(u * u + v * v);
        double sector = 2 * Math.PI / 5;
        double t = Math.abs(((a % sector) + sector) % sector - sector / 2) / (sector / 2); // 1 at a point, 0 at a notch
        return r <= 0.45 + 0.6 * t;
    }

    private static boolean heart(double u, double v) {
        double x = u * 1.2, y = -v * 1.2 + 0.2;
        double q = x * x + y * y - 1;
        return q * q * q - x * x * y * y * y <= 0;
    }
}
