import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ProcessId } from '../core/scene/settings';
import { FIELDS, pickParams, type ParamNameOf, type Params } from './fields';
import type { AppState } from './store';
import { decodeHash } from './urlFields';

describe('params typed by the field table', () => {
  it('gives each field the value type of its kind', () => {
    const { params, problems } = decodeHash(FIELDS, '#steps=20&process=ve&field=0&eta2=1');
    expectTypeOf(params).toEqualTypeOf<Params>();
    expectTypeOf(params.steps).toEqualTypeOf<number>();
    expectTypeOf(params.process).toEqualTypeOf<ProcessId>();
    expectTypeOf(params.view).toEqualTypeOf<
      | 'reverse'
      | 'forward'
      | 'compare'
      | 'schedules'
      | 'lab'
      | 'images'
      | 'train'
      | 'mesh'
      | 'discrete'
      | 'manifold'
      | 'latent'
      | 'course'
    >();
    expectTypeOf(params.field).toEqualTypeOf<boolean>();
    expectTypeOf(params.mask).toEqualTypeOf<string>();
    expectTypeOf(params.eta2).toEqualTypeOf<string>();
    expectTypeOf<ParamNameOf<boolean>>().toEqualTypeOf<
      | 'field'
      | 'ghosts'
      | 'trails'
      | 'density'
      | 'clip'
      | 'lauto'
      | 'tauto'
      | 'mweight'
      | 'mfield'
      | 'zmap'
      | 'present'
    >();
    expectTypeOf<AppState['setParam']>().parameter(0).toEqualTypeOf<keyof Params>();
    expect(problems).toEqual([]);
    expect(params).toMatchObject({ steps: 20, process: 've', field: false, eta2: '1' });
  });

  it('picks the named fields for a selector', () => {
    const { params } = decodeHash(FIELDS, '#steps=7&n=300');
    const picked = pickParams(params, ['steps', 'n'] as const);
    expectTypeOf(picked).toEqualTypeOf<Pick<Params, 'steps' | 'n'>>();
    expect(picked).toEqual({ steps: 7, n: 300 });
  });
});
