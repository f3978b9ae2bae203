import { t } from '../ui/i18n';
import { mount } from '../ui/mount';
import './options.css';
import { Options } from './Options';

document.title = t('optionsTitle');
mount(<Options />);
