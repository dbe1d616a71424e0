import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { errorText, fieldErrors } from '../../shared/api.ts';
import { useLanguage } from '../../shared/use-language.ts';

/**
 * Returns a handler that shows the server message (message_zh, or message_en in English mode) with antd `message.error`
 * and, when a form is given, puts the server's field errors on the form fields.
 */
export function useApiErrorHandler(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const { english } = useLanguage();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (form) {
        const fields = fieldErrors(error, english);
        if (fields.length > 0) form.setFields(fields);
      }
      void message.error(errorText(error, english));
    },
    [message, english],
  );
}
