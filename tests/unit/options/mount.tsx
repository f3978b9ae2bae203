import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Options } from '../../../src/options/Options';
import { ApiContext, type Api } from '../../../src/ui/api';
import { settle } from '../popup/fakes';

/** The options page rendered into `root` against `api`, once its first replies have been drawn. */
export async function mountOptions(root: HTMLElement, api: Api): Promise<void> {
  await act(async () => {
    render(
      <ApiContext.Provider value={api}>
        <Options />
      </ApiContext.Provider>,
      root,
    );
  });
  for (let i = 0; i < 3; i++) await act(() => settle());
}
