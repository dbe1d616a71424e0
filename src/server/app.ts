import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import { logRedactPaths, maskSensitiveUrl } from '../core/dictionary/sensitivity.ts';
import { AppError, type FieldError } from '../core/shared/errors.ts';
import type { Platform } from '../platform.ts';
import { registerAccessControl } from './access.ts';
import { registerIdempotency } from './idempotency.ts';
import { registerRequestGuards } from './request-guards.ts';
import { registerRoutes } from './routes.ts';

export interface AppOptions {
  production?: boolean;
  logger?: boolean;
  /** Destination of the request log when logger is on (default stdout); tests capture it. */
  logStream?: DestinationStream;
  webDir?: string;
  bodyLimit?: number;
}

/** The HTTP API (/api/v1), OpenAPI docs (/api/docs) and the two web apps (/ and /m/). */
export async function buildApp(platform: Platform, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          redact: [
            ...new Set([
              'req.headers.cookie',
              'req.headers.authorization',
              'idNumber',
              'phone',
              '*.idNumber',
              '*.phone',
              // Every sensitive_personal field of the field → sensitivity map (MZ/T 073 data elements + registry).
              ...logRedactPaths(),
            ]),
          ],
          serializers: {
            // Query strings can carry an ID number or phone (GET /persons?idNumber=…): masked before logging.
            req: (req: FastifyRequest) => ({
              method: req.method,
              url: maskSensitiveUrl(req.url),
              host: req.host,
              remoteAddress: req.ip,
              remotePort: req.socket?.remotePort,
            }),
          },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, { global: false });

  if (!options.production) {
    await app.register(swagger, {
      openapi: {
        info: { title: 'Huimin 惠民 API', version: '1.0.0', description: '智慧民政平台 API' },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'hm_session' },
            bearer: { type: 'http', scheme: 'bearer' },
          },
        },
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  }

  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      reply.code(err.status).send(err.toJSON());
      return;
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: FieldError[] = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const msg = v.message ?? 'invalid';
        const [zh, en] = msg.includes(' / ') ? msg.split(' / ') : [translateIssue(msg), msg];
        return { field: `${err.validationContext ?? 'body'}${path ? `.${path}` : ''}`, message_zh: zh, message_en: en };
      });
      reply
        .code(400)
        .send(
          new AppError(
            'request.invalid',
            '输入有误,请检查标出的字段',
            'invalid input; see the fields',
            fields,
          ).toJSON(),
        );
      return;
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413) {
      reply.code(413).send(new AppError('request.too_large', '请求内容过大', 'the request body is too large').toJSON());
      return;
    }
    if (status === 429) {
      reply
        .code(429)
        .send(
          new AppError('auth.rate_limited', '请求过于频繁,请稍后再试', 'too many requests; try again later').toJSON(),
        );
      return;
    }
    const fastifyCode = (err as FastifyError).code;
    if (
      fastifyCode === 'FST_ERR_CTP_INVALID_JSON' ||
      fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      reply
        .code(400)
        .send(
          new AppError('request.invalid', '请求内容不是有效的JSON', 'the request body is not valid JSON', [
            { field: 'body', message_zh: '应为有效的JSON', message_en: 'must be valid JSON' },
          ]).toJSON(),
        );
      return;
    }
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      reply
        .code(415)
        .send(
          new AppError(
            'request.invalid',
            '不支持的内容类型,请使用 application/json',
            'unsupported content type; use application/json',
            [{ field: 'content-type', message_zh: '应为 application/json', message_en: 'must be application/json' }],
          ).toJSON(),
        );
      return;
    }
    // A value PostgreSQL cannot take (bad encoding, NUL, out-of-range) that slipped past validation: still the
    // caller's input, so a 400, and the transaction has already rolled back.
    const sqlState = (err as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      reply
        .code(400)
        .send(
          new AppError(
            'request.invalid',
            '输入包含无法保存的值',
            'the input contains a value that cannot be stored',
          ).toJSON(),
        );
      return;
    }
    if (status >= 400 && status < 500) {
      reply
        .code(status)
        .send(
          new AppError(
            'request.invalid',
            '请求无法处理',
            `the request could not be processed: ${err.message}`,
          ).toJSON(),
        );
      return;
    }
    request.log.error({ err }, 'unhandled error');
    reply
      .code(500)
      .send(new AppError('internal', '系统内部错误,请稍后再试', 'internal error; please try again later').toJSON());
  });

  // Personal data must not linger in caches.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // NUL characters are never valid text for PostgreSQL: refuse them up front, naming the field.
  app.addHook('preValidation', async (request) => {
    const field =
      findNul(request.body, 'body') ?? findNul(request.query, 'querystring') ?? findNul(request.params, 'params');
    if (field) {
      throw new AppError('request.invalid', '输入包含非法字符(NUL)', 'the input contains a NUL character', [
        { field, message_zh: '包含非法字符(NUL)', message_en: 'contains a NUL character' },
      ]);
    }
  });

  registerAccessControl(app, platform);
  registerRequestGuards(app, platform);
  registerIdempotency(app, platform.db);
  await app.register(async (api) => registerRoutes(api, platform), { prefix: '/api/v1' });

  const webDir = resolve(options.webDir ?? 'dist/web');
  if (existsSync(join(webDir, 'admin', 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', index: false, wildcard: false });
    app.get('/m', (_req, reply) => reply.redirect('/m/'));
    app.get('/m/*', (_req, reply) => reply.type('text/html').sendFile('portal/index.html'));
    app.get('/*', (req, reply) => {
      if (req.url.startsWith('/api/')) {
        reply.code(404).send(new AppError('not_found', '接口不存在', 'no such endpoint').toJSON());
        return;
      }
      reply.type('text/html').sendFile('admin/index.html');
    });
  } else {
    app.get('/', (_req, reply) =>
      reply.type('text/plain').send('惠民 Huimin API is running. The web apps are not built: run `npm run build:web`.'),
    );
  }
  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).send(new AppError('not_found', '接口不存在', 'no such endpoint').toJSON());
  });
  return app;
}

function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

function translateIssue(msg: string): string {
  if (/expected .* received undefined/i.test(msg) || /required/i.test(msg)) return '必填项缺失';
  if (/expected/i.test(msg)) return '类型或格式不正确';
  if (/too big|too long|<=/i.test(msg)) return '超出允许的长度或范围';
  if (/too small|>=/i.test(msg)) return '低于允许的长度或范围';
  if (/unrecognized key/i.test(msg)) return '包含不允许的字段';
  if (/uuid/i.test(msg)) return '应为有效的ID(UUID)';
  return '格式不正确';
}
