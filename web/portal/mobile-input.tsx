import { Input, type InputProps, type InputRef } from 'antd-mobile';
import { useEffect, useRef } from 'react';

/**
 * antd-mobile Input puts data-* attributes on its wrapper div; browser tests need them on the native <input>
 * (Playwright `fill`). This wrapper moves `testId` onto the native element.
 */
export function MobileInput({ testId, ...props }: InputProps & { testId?: string }) {
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    const native = ref.current?.nativeElement;
    if (native && testId) native.setAttribute('data-testid', testId);
  }, [testId]);
  return <Input ref={ref} {...props} />;
}
